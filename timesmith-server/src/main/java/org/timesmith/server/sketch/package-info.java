/**
 * Sketches (§2.4, §2.5, §3): their life cycle, ACL, archive, attributes and the sketch resource
 * with the {@code meta} each feature contributes. Who may do what in a sketch is decided in
 * {@code org.timesmith.server.access}, which reads sketches and their ACL through this package's
 * {@code SketchRepository}.
 */
package org.timesmith.server.sketch;
