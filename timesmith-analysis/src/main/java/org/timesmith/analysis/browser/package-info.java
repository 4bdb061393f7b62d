/** Browser history analyzers: search queries in visited URLs ({@code browser_search}) and activity outside the usual hours ({@code browser_timeframe}). */
package org.timesmith.analysis.browser;
