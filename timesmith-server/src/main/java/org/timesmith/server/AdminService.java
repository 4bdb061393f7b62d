package org.timesmith.server;

import java.util.List;
import org.springframework.stereotype.Service;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.Group;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.auth.UserService;
import org.timesmith.server.sketch.Sketch;
import org.timesmith.server.sketch.SketchRepository;
import org.timesmith.server.sketch.SketchService;

/**
 * Server-side administration without HTTP (what {@code timesmith admin} exposes, like Timesketch's
 * tsctl): users, groups and sketches. Failures throw {@link ApiException} with a message for the
 * operator.
 */
@Service
public class AdminService {

    private final UserRepository users;
    private final UserService userService;
    private final SketchRepository sketches;
    private final SketchService sketchService;

    public AdminService(UserRepository users, UserService userService, SketchRepository sketches,
                        SketchService sketchService) {
        this.users = users;
        this.userService = userService;
        this.sketches = sketches;
        this.sketchService = sketchService;
    }

    public User addUser(String username, String password, boolean admin) {
        return userService.create(username, password, admin);
    }

    public void setPassword(String username, String password) {
        userService.setPassword(user(username), password);
    }

    public void setActive(String username, boolean active) {
        users.setActive(user(username).id(), active);
    }

    public void setAdmin(String username, boolean admin) {
        users.setAdmin(user(username).id(), admin);
    }

    public List<User> listUsers() {
        return users.all();
    }

    public Group addGroup(String name, String description) {
        if (name == null || name.isBlank() || name.length() > 255) {
            throw ApiException.badRequest("A group name has 1 to 255 characters.");
        }
        if (users.groupByName(name).isPresent()) {
            throw ApiException.badRequest("The group " + name + " already exists.");
        }
        return users.createGroup(name, description == null ? "" : description);
    }

    /** Adds ({@code add}) or removes a member; returns false when nothing changed. */
    public boolean groupMember(String groupName, String username, boolean add) {
        Group group = users.groupByName(groupName)
                .orElseThrow(() -> ApiException.notFound("No group " + groupName + "."));
        long userId = user(username).id();
        return add ? users.addMember(group.id(), userId) : users.removeMember(group.id(), userId);
    }

    public List<Group> listGroups() {
        return users.groups();
    }

    public List<String> groupMembers(String groupName) {
        return users.memberNames(users.groupByName(groupName)
                .orElseThrow(() -> ApiException.notFound("No group " + groupName + ".")).id());
    }

    public List<Sketch> listSketches() {
        return sketches.all();
    }

    /** Removes a sketch with its timelines and their events (opens the event store). */
    public void deleteSketch(long sketchId) {
        sketchService.purge(sketches.byId(sketchId)
                .orElseThrow(() -> ApiException.notFound("No sketch " + sketchId + ".")));
    }

    private User user(String username) {
        return users.byUsername(username).orElseThrow(() -> ApiException.notFound("No user " + username + "."));
    }
}
