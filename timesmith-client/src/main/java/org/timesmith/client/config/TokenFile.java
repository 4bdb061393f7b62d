package org.timesmith.client.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The credentials file ({@code ~/.timesketch.token} by default): username and password encrypted
 * with AES-256-GCM under a key derived from the token password with PBKDF2-HMAC-SHA256 (a random
 * salt and nonce per write). GCM authenticates the content, so a wrong password or a damaged file
 * is detected and reported, never decrypted into garbage.
 */
public final class TokenFile {

    private static final byte[] MAGIC = "TSMTOK1".getBytes(StandardCharsets.US_ASCII);
    private static final int SALT_BYTES = 16;
    private static final int NONCE_BYTES = 12;
    private static final int ITERATIONS = 210_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the token file holds. */
    public record Credentials(String username, String password) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    private TokenFile() {
    }

    /** A random password for the token file, for when the user gives none (stored as {@code cred_key}). */
    public static String randomPassword() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static void write(Path file, String tokenPassword, Credentials credentials) {
        byte[] salt = new byte[SALT_BYTES];
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(salt);
        RANDOM.nextBytes(nonce);
        byte[] plain = JsonMapper.builder().build().writeValueAsBytes(
                java.util.Map.of("username", credentials.username(), "password", credentials.password()));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(tokenPassword, salt), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(MAGIC);
            byte[] sealed = cipher.doFinal(plain);
            ByteBuffer out = ByteBuffer.allocate(MAGIC.length + SALT_BYTES + NONCE_BYTES + sealed.length);
            out.put(MAGIC).put(salt).put(nonce).put(sealed);
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.write(file, out.array());
            Secrets.ownerOnly(file);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        } catch (IOException e) {
            throw new ConfigException("Cannot write the token file " + file + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    public static Credentials read(Path file, String tokenPassword) {
        byte[] data;
        try {
            data = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        int header = MAGIC.length + SALT_BYTES + NONCE_BYTES;
        if (data.length <= header + 16 || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            throw new ConfigException("The token file " + file + " is not a Timesmith token file (or is damaged); "
                    + "delete it to be asked for the password again.");
        }
        byte[] salt = Arrays.copyOfRange(data, MAGIC.length, MAGIC.length + SALT_BYTES);
        byte[] nonce = Arrays.copyOfRange(data, MAGIC.length + SALT_BYTES, header);
        byte[] plain;
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(tokenPassword, salt), new GCMParameterSpec(128, nonce));
            cipher.updateAAD(MAGIC);
            plain = cipher.doFinal(data, header, data.length - header);
        } catch (AEADBadTagException e) {
            throw new ConfigException("Cannot decrypt the token file " + file + ": wrong token password, or the file "
                    + "was altered. Give the right password, or delete the file to log in again.", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
        try {
            JsonNode json = JsonMapper.builder().build().readTree(plain);
            return new Credentials(json.path("username").asString(""), json.path("password").asString(""));
        } catch (JacksonException e) {
            throw new ConfigException("The token file " + file + " decrypted to unreadable content; delete it.", e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    private static SecretKeySpec key(String password, byte[] salt) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256);
        try {
            byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new SecretKeySpec(key, "AES");
        } finally {
            spec.clearPassword();
        }
    }
}
