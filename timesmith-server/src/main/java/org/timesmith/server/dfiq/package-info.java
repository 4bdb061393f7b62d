/**
 * DFIQ (Digital Forensics Investigative Questions) in sketches: the library of DFIQ 1.1 templates
 * (scenarios, facets, questions and their approaches) read from YAML files, and a sketch's own
 * scenarios, facets, investigative questions and conclusions with the events a conclusion rests
 * on. The routes are Timesketch's ({@code scenarios/}, {@code questions/},
 * {@code sketches/{id}/scenarios/...}, {@code sketches/{id}/questions/...}, §17 of
 * timesketch-api.md); approaches' query steps become search templates
 * ({@code org.timesmith.server.searchtemplate}). Timesmith adds the investigation report
 * ({@code sketches/{id}/report/}, §17.12): the key findings as JSON, Markdown or PDF.
 */
package org.timesmith.server.dfiq;
