/**
 * The Windows XML Event Log ({@code .evtx}) format, read without any Windows API or external tool: the
 * file header ({@link org.timesmith.core.reader.evtx.EvtxFile}), the 64 KiB chunks with their
 * checksums and string and template tables ({@link org.timesmith.core.reader.evtx.EvtxChunk}), and the
 * Binary XML of each event record with its template instances and typed substitution values, decoded
 * into {@link org.timesmith.core.reader.WindowsEventXml.Element} trees. The layout follows libevtx's
 * public format documentation; one chunk at a time is in memory, whatever the file size.
 */
package org.timesmith.core.reader.evtx;
