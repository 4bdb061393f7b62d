/**
 * Search templates (Timesketch's {@code searchtemplates/} routes, §17.11 of timesketch-api.md):
 * global, named query strings with {@code {{ parameter }}} placeholders. The DFIQ library's query
 * steps become public templates; a user can make a private one from a saved search. Who may read or
 * delete a template is decided in {@code SearchTemplateService}.
 */
package org.timesmith.server.searchtemplate;
