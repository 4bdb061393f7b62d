package org.timesmith.store.lucene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A thread whose interrupt flag is set (an analyzer's job being stopped) flushes, refreshes and
 * commits; on Lucene's own directory the first flush fails with {@code ClosedByInterruptException}
 * and the writer is closed for good.
 */
class UninterruptibleDirectoryTest {

    @TempDir
    Path dir;

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    private static void addDocuments(IndexWriter writer, int round) throws IOException {
        for (int i = 0; i < 500; i++) {
            Document document = new Document();
            document.add(new StringField("id", round + "-" + i, Field.Store.NO));
            document.add(new StoredField("payload", ("round " + round + " document " + i + " ").repeat(40)));
            writer.addDocument(document);
        }
    }

    @Test
    void writesOfAnInterruptedThreadSucceedAndTheThreadKeepsItsInterrupt() throws IOException {
        try (Directory directory = new UninterruptibleDirectory(FSDirectory.open(dir));
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            for (int round = 0; round < 6; round++) {
                addDocuments(writer, round);
                Thread.currentThread().interrupt();
                if (round % 2 == 0) {
                    writer.flush(); // a segment written by this thread
                    DirectoryReader.open(writer).close(); // a refresh
                } else {
                    writer.commit(); // flush and fsync
                }
                assertThat(Thread.interrupted()).as("round %d keeps the interrupt", round).isTrue();
            }
            assertThat(writer.getTragicException()).isNull();
            writer.forceMerge(1);
            writer.commit();
        }
        try (DirectoryReader reader = DirectoryReader.open(FSDirectory.open(dir))) {
            assertThat(reader.numDocs()).isEqualTo(3_000);
            assertThat(reader.storedFields().document(2_999).get("payload")).startsWith("round 5 document 499 ");
        }
    }

    @Test
    void onLuceneOwnDirectoryTheSameWritesBreakTheWriter() throws IOException {
        try (Directory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(new StandardAnalyzer()))) {
            addDocuments(writer, 0);
            Thread.currentThread().interrupt();
            try {
                writer.flush();
            } catch (IOException | RuntimeException expected) {
                // ClosedByInterruptException, or the writer already closed by it
            }
            Thread.interrupted();
            assertThat(writer.getTragicException()).as("what the directory above prevents").isNotNull();
        } catch (org.apache.lucene.store.AlreadyClosedException closed) {
            // closing a writer that a tragedy closed
        }
    }

    @Test
    void tempFilesGetFreshNames() throws IOException {
        try (Directory directory = new UninterruptibleDirectory(FSDirectory.open(dir))) {
            String first;
            try (var output = directory.createTempOutput("sort", "x", org.apache.lucene.store.IOContext.DEFAULT)) {
                first = output.getName();
                output.writeInt(1);
            }
            try (var output = directory.createTempOutput("sort", "x", org.apache.lucene.store.IOContext.DEFAULT)) {
                assertThat(output.getName()).isNotEqualTo(first).startsWith("sort_x_").endsWith(".tmp");
            }
            assertThat(directory.fileLength(first)).isEqualTo(4);
        }
    }
}
