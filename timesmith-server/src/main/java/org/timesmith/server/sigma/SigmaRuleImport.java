package org.timesmith.server.sigma;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.springframework.stereotype.Service;
import org.timesmith.server.api.ApiException;
import org.timesmith.server.auth.User;

/**
 * Installs many rules at once from a zip of a SigmaHQ-layout folder ({@code rules/…/*.yml},
 * {@code rules-threat-hunting/…}, {@code deprecated/…}): every YAML file is installed as
 * {@code POST sigmarules/} would install it, or skipped with its file name and the reason (does not
 * parse or convert, has no id, is installed already, appears twice), so a partly usable folder
 * still installs what it can and says what it did not. Rules arrive disabled for live use. The zip
 * is read as a stream with limits on entries and sizes, so a zip bomb is refused, not unpacked.
 */
@Service
public class SigmaRuleImport {

    static final int MAX_ENTRIES = 50_000;
    static final long MAX_TOTAL_BYTES = 256L * 1024 * 1024;
    static final int MAX_RULE_BYTES = 1024 * 1024;

    /** One file not installed, and why. */
    public record Skipped(String file, String reason) {
    }

    /** What an import did. */
    public record Outcome(int files, List<String> installed, List<Skipped> skipped) {
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("files", files);
            json.put("installed", installed.size());
            json.put("installed_rule_uuids", installed);
            json.put("skipped", skipped.size());
            json.put("skipped_files", skipped.stream().map(s -> Map.of("file", s.file(), "reason", s.reason())).toList());
            return json;
        }
    }

    private final SigmaRuleService service;

    public SigmaRuleImport(SigmaRuleService service) {
        this.service = service;
    }

    /** Installs every {@code .yml}/{@code .yaml} file of the zip. @throws ApiException 400 for a body that is not a usable zip */
    public Outcome importZip(User user, byte[] zip) {
        if (zip == null || zip.length == 0) {
            throw ApiException.badRequest("No zip file given.");
        }
        Map<String, String> files = new LinkedHashMap<>();
        List<Skipped> skipped = new ArrayList<>();
        int entries = 0;
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                if (++entries > MAX_ENTRIES) {
                    throw ApiException.badRequest("The zip has more than " + MAX_ENTRIES + " entries.");
                }
                String name = entry.getName();
                if (entry.isDirectory() || !(name.endsWith(".yml") || name.endsWith(".yaml"))) {
                    continue;
                }
                byte[] bytes = read(in, MAX_RULE_BYTES);
                if (bytes == null) {
                    skipped.add(new Skipped(name, "larger than " + MAX_RULE_BYTES / 1024 + " KiB"));
                    continue;
                }
                total += bytes.length;
                if (total > MAX_TOTAL_BYTES) {
                    throw ApiException.badRequest("The zip unpacks to more than " + MAX_TOTAL_BYTES / (1024 * 1024) + " MiB of rules.");
                }
                try {
                    files.put(name, StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                            .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
                } catch (CharacterCodingException e) {
                    skipped.add(new Skipped(name, "not UTF-8 text"));
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            throw ApiException.badRequest("The body is not a readable zip file: " + e.getMessage());
        }
        if (entries == 0) {
            throw ApiException.badRequest("The body is not a zip file or the zip is empty.");
        }
        Outcome outcome = importFiles(user, files);
        List<Skipped> all = new ArrayList<>(skipped);
        all.addAll(outcome.skipped());
        return new Outcome(outcome.files() + skipped.size(), outcome.installed(), all);
    }

    /** Installs each rule text (file name → YAML). */
    public Outcome importFiles(User user, Map<String, String> files) {
        List<String> installed = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        files.forEach((name, yaml) -> {
            try {
                installed.add(service.create(user, yaml).ruleUuid());
            } catch (ApiException e) {
                skipped.add(new Skipped(name, e.getMessage()));
            }
        });
        return new Outcome(files.size(), installed, skipped);
    }

    /** The entry's bytes, or null if it has more than {@code limit}. */
    private static byte[] read(InputStream in, int limit) throws IOException {
        byte[] bytes = in.readNBytes(limit + 1);
        return bytes.length > limit ? null : bytes;
    }
}
