package org.timesmith.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;
import org.timesmith.server.access.Permission;
import org.timesmith.server.access.PermissionService;
import org.timesmith.server.access.Sketch;
import org.timesmith.server.access.SketchAccess;
import org.timesmith.server.auth.User;
import org.timesmith.server.auth.UserRepository;
import org.timesmith.server.ingest.UploadService;
import org.timesmith.server.sketch.SketchService;

/**
 * {@code timesmith server --demo}: on the first start of a data directory, an administrator
 * {@code admin} with a random password (printed once to stdout) and a demo sketch with the sample
 * timeline imported. Later starts leave everything as it is.
 */
@Component
public class DemoSetup {

    public static final String ADMIN = "admin";
    public static final String SKETCH_NAME = "Demo sketch";
    static final String TIMELINE_RESOURCE = "demo/demo-timeline.csv";

    private static final Logger LOG = LoggerFactory.getLogger(DemoSetup.class);

    private final UserRepository users;
    private final AdminService admin;
    private final SketchService sketches;
    private final PermissionService permissions;
    private final UploadService uploads;

    public DemoSetup(UserRepository users, AdminService admin, SketchService sketches,
                     PermissionService permissions, UploadService uploads) {
        this.users = users;
        this.admin = admin;
        this.sketches = sketches;
        this.permissions = permissions;
        this.uploads = uploads;
    }

    @EventListener(value = ApplicationReadyEvent.class,
            condition = "@environment.getProperty('timesmith.demo', 'false') == 'true'")
    public void onStart() {
        create(System.out);
    }

    /** Creates the demo admin and sketch unless the admin exists; returns the password when it was created. */
    public Optional<String> create(PrintStream out) {
        if (users.byUsername(ADMIN).isPresent()) {
            out.println("Demo: the user " + ADMIN + " already exists; its password is unchanged.");
            return Optional.empty();
        }
        byte[] random = new byte[15];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        User user = admin.addUser(ADMIN, password, true);
        Sketch sketch = sketches.create(user, SKETCH_NAME, "Sample Windows, browser and file system activity");
        ClassPathResource timeline = new ClassPathResource(TIMELINE_RESOURCE);
        if (timeline.exists()) {
            SketchAccess access = permissions.require(user, sketch.id(), Permission.WRITE);
            try (InputStream in = timeline.getInputStream()) {
                uploads.file(access, new UploadService.UploadForm("Demo timeline", "csv", "Timesmith demo",
                        Optional.empty(), "timesmith server --demo"), "demo-timeline.csv", 0, in);
            } catch (IOException e) {
                LOG.warn("cannot import the demo timeline", e);
            }
        } else {
            LOG.warn("the demo timeline {} is not in this build; the demo sketch is empty", TIMELINE_RESOURCE);
        }
        out.println("Demo: log in as " + ADMIN + " with password " + password + " (shown only this once).");
        return Optional.of(password);
    }
}
