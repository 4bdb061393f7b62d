/**
 * Windows artefact analyzers after Timesketch's: gaps in event logs ({@code evtx_gap}), crashes
 * and disabled crash reporting ({@code win_crash}), NTFS timestomping ({@code ntfs_timestomp}),
 * and the reading of a record's {@code EventData} they and the logon analyzers share.
 */
package org.timesmith.analysis.windows;
