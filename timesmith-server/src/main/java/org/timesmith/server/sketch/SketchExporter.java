package org.timesmith.server.sketch;

import java.io.IOException;
import java.io.OutputStream;
import org.timesmith.server.access.SketchAccess;

/**
 * Writes the archive export of a sketch ({@code POST archive/ {"action": "export"}}) as ZIP bytes;
 * provided by the feature that owns saved searches and stories. Called after the read check.
 */
public interface SketchExporter {

    void export(SketchAccess access, OutputStream zip) throws IOException;
}
