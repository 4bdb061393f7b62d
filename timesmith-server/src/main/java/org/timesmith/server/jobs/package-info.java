/**
 * What the nodes sharing the job storage are doing, so that a node starting up re-queues only work
 * no live node will finish: with several server nodes, one node's restart must not restart
 * another's imports.
 */
package org.timesmith.server.jobs;
