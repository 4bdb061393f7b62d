package org.timesmith.server.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.timesmith.server.api.ApiException;

/** Creating accounts and setting passwords, shared by the API and the admin commands. */
@Service
public class UserService {

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@+-]{1,255}");

    private final UserRepository users;
    private final PasswordEncoder encoder;
    private final SecureRandom random = new SecureRandom();
    private final int minPasswordLength;

    /**
     * @param minPasswordLength {@code timesmith.auth.min-password-length}: 8 unless set (a
     *                          conformance run seeds Timesketch's {@code test}/{@code test} users with 4)
     */
    public UserService(UserRepository users, PasswordEncoder encoder,
                       @Value("${timesmith.auth.min-password-length:8}") int minPasswordLength) {
        if (minPasswordLength < 1) {
            throw new IllegalArgumentException("timesmith.auth.min-password-length must be at least 1, not "
                    + minPasswordLength);
        }
        this.users = users;
        this.encoder = encoder;
        this.minPasswordLength = minPasswordLength;
    }

    public User create(String username, String password, boolean admin) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw ApiException.badRequest("A username is 1 to 255 letters, digits or . _ @ + -");
        }
        checkPassword(password);
        if (users.byUsername(username).isPresent()) {
            throw ApiException.badRequest("The user " + username + " already exists.");
        }
        return users.create(username, encoder.encode(password), admin);
    }

    public void setPassword(User user, String password) {
        checkPassword(password);
        users.setPasswordHash(user.id(), encoder.encode(password));
    }

    /** The user if the password is right and the account active. */
    public Optional<User> authenticate(String username, String password) {
        Optional<String> hash = users.passwordHash(username);
        if (hash.isEmpty()) {
            // Spend the same time as a real check so response times do not reveal which names exist.
            encoder.matches(password, encoder.encode("timing-equaliser"));
            return Optional.empty();
        }
        if (!encoder.matches(password, hash.get())) {
            return Optional.empty();
        }
        return users.byUsername(username).filter(User::active);
    }

    /**
     * The active user signed in by an identity provider, created on first sign-in when
     * {@code create} is set, with a random password nobody knows (so only the provider signs in).
     */
    public Optional<User> external(String username, boolean create) {
        Optional<User> user = users.byUsername(username);
        if (user.isEmpty() && create) {
            byte[] secret = new byte[32];
            random.nextBytes(secret);
            return Optional.of(create(username, HexFormat.of().formatHex(secret), false));
        }
        return user.filter(User::active);
    }

    private void checkPassword(String password) {
        if (password == null || password.length() < minPasswordLength) {
            throw ApiException.badRequest("A password needs at least " + minPasswordLength + " characters.");
        }
    }
}
