package org.timesmith.server.sketch;

import java.util.List;

/**
 * A change of a sketch's ACL (§3.6) as {@link SketchJson} decodes it: the users and groups to add
 * and to remove, whether the sketch stays public, and the permissions to grant (none named means
 * read and write, as the reference server grants).
 */
public record CollaboratorChange(List<String> addUsers, List<String> addGroups, List<String> removeUsers,
                                 List<String> removeGroups, boolean makePublic, List<String> permissions) {

    public CollaboratorChange {
        addUsers = List.copyOf(addUsers);
        addGroups = List.copyOf(addGroups);
        removeUsers = List.copyOf(removeUsers);
        removeGroups = List.copyOf(removeGroups);
        permissions = List.copyOf(permissions);
    }
}
