package org.timesmith.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The regression corpus of the reader fuzzing ({@link FuzzReaders}): hostile inputs, written by hand
 * or found by the fuzzer and since fixed, in {@code src/test/resources/fuzz/EXTENSION/}. Each is read
 * as a file of that extension; every one must end in records, per-record rejections or one clear
 * file error ({@link ReaderFuzzTarget#check}), never another exception.
 */
class ReaderFuzzCorpusTest {

    @TempDir
    Path temp;

    @Test
    void everyInputOfTheCorpusEndsInRecordsRejectionsOrAClearFileError() throws IOException {
        Path corpus = Path.of("src/test/resources/fuzz");
        List<Path> inputs;
        try (Stream<Path> walk = Files.walk(corpus)) {
            inputs = walk.filter(Files::isRegularFile).sorted().toList();
        }
        assertThat(inputs).hasSizeGreaterThanOrEqualTo(8);
        List<String> broken = new ArrayList<>();
        for (Path input : inputs) {
            String extension = input.getParent().getFileName().toString();
            Path file = temp.resolve(input.getFileName() + "." + extension);
            Files.copy(input, file);
            try {
                ReaderFuzzTarget.check(file);
            } catch (RuntimeException | StackOverflowError e) {
                broken.add(corpus.relativize(input) + ": " + e);
            }
        }
        assertThat(broken).isEmpty();
    }
}
