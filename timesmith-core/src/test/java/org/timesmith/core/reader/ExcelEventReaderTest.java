package org.timesmith.core.reader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.timesmith.core.reader.ReaderTestSupport.options;
import static org.timesmith.core.reader.ReaderTestSupport.readAll;
import static org.timesmith.core.reader.ReaderTestSupport.records;
import static org.timesmith.core.reader.ReaderTestSupport.rejections;
import static org.timesmith.core.reader.ReaderTestSupport.write;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.FormulaEvaluator;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** XLSX and XLS read the same way; each test runs on a workbook POI writes in both formats. */
class ExcelEventReaderTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void readsTypedCellsFromTheFirstSheet(String extension) throws IOException {
        Path file = workbook(extension);
        assertThat(Readers.detect(file)).isEqualTo(extension.equals("xlsx") ? Format.XLSX : Format.XLS);
        List<ReadItem> items = readAll(Readers.open(file, options(file)));
        List<SourceRecord> records = records(items);
        assertThat(records).extracting(SourceRecord::line).containsExactly(2L, 3L, 6L);
        assertThat(records.getFirst().fields())
                .containsEntry("message", "hello")
                .containsEntry("datetime", "2024-03-14T04:17:38.123")
                .containsEntry("precise", "2024-03-14T12:00:00.000001")
                .containsEntry("day", "2024-01-02T00:00:00")
                .containsEntry("count", 42L)
                .containsEntry("ratio", 0.5)
                .containsEntry("flag", true)
                .containsEntry("doubled", 84L)
                .containsEntry("label", "hello!")
                .containsEntry("empty", "")
                .containsEntry("message_2", "duplicate header");
        assertThat(records.get(1).fields()).containsEntry("message", "sparse").containsEntry("count", "")
                .containsEntry("datetime", "");
        assertThat(rejections(items)).singleElement().satisfies(r -> {
            assertThat(r.line()).isEqualTo(5);
            assertThat(r.reason()).isEqualTo("row has a value in column 15 but the header has 11 columns");
        });
        // Blank row 4 is not a record; record numbers count data rows.
        assertThat(items).extracting(ReadItem::recordNumber).containsExactly(1L, 2L, 3L, 4L);
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void readsTheNamedSheetAndListsTheSheetsForAnUnknownName(String extension) throws IOException {
        Path file = workbook(extension);
        ReaderOptions other = new ReaderOptions(Format.AUTO, file.getFileName().toString(), Optional.empty(),
                Optional.of("Other"));
        assertThat(records(readAll(Readers.open(file, other)))).singleElement()
                .satisfies(r -> assertThat(r.fields()).containsEntry("name", "second sheet"));
        ReaderOptions missing = new ReaderOptions(Format.AUTO, "book." + extension, Optional.empty(),
                Optional.of("Nope"));
        assertThatThrownBy(() -> Readers.open(file, missing))
                .isInstanceOf(InputFormatException.class)
                .hasMessage("book." + extension + ": no sheet named 'Nope'; the workbook's sheets are [Events, Other, Blank]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"xlsx", "xls"})
    void emptySheetIsAnErrorAndHeaderOnlySheetHasZeroRecords(String extension) throws IOException {
        Path file = workbook(extension);
        ReaderOptions blank = new ReaderOptions(Format.AUTO, "book", Optional.empty(), Optional.of("Blank"));
        assertThatThrownBy(() -> Readers.open(file, blank))
                .isInstanceOf(InputFormatException.class).hasMessage("book: sheet 'Blank' is empty (no header row)");

        Path headerOnly = dir.resolve("header." + extension);
        save(extension.equals("xlsx") ? new XSSFWorkbook() : new HSSFWorkbook(), headerOnly, book -> {
            book.createSheet("Only").createRow(0).createCell(0).setCellValue("message");
        });
        assertThat(readAll(Readers.open(headerOnly, options(headerOnly)))).isEmpty();
    }

    @Test
    void manyRowsStreamFromXlsx() throws IOException {
        Path file = dir.resolve("many.xlsx");
        save(new SXSSFWorkbook(100), file, book -> {
            Sheet sheet = book.createSheet("Events");
            sheet.createRow(0).createCell(0).setCellValue("n");
            for (int i = 1; i <= 20_000; i++) {
                sheet.createRow(i).createCell(0).setCellValue(i);
            }
        });
        List<SourceRecord> records = records(readAll(Readers.open(file, options(file))));
        assertThat(records).hasSize(20_000);
        assertThat(records.getLast().fields()).containsEntry("n", 20_000L);
    }

    @Test
    void damagedWorkbooksAreClearErrors() {
        Path zip = write(dir, "broken.xlsx", new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        assertThatThrownBy(() -> Readers.open(zip, options(zip)))
                .isInstanceOf(InputFormatException.class).hasMessageStartingWith("broken.xlsx: ");
        Path ole = write(dir, "broken.xls", new byte[] {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1,
                (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0});
        assertThatThrownBy(() -> Readers.open(ole, options(ole)))
                .isInstanceOf(InputFormatException.class).hasMessageStartingWith("broken.xls: not a readable XLS workbook");
    }

    private Path workbook(String extension) throws IOException {
        Path file = dir.resolve("book." + extension);
        Supplier<Workbook> create = extension.equals("xlsx") ? XSSFWorkbook::new : HSSFWorkbook::new;
        save(create.get(), file, book -> {
            CellStyle dateTime = book.createCellStyle();
            dateTime.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd hh:mm:ss.000"));
            CellStyle dateOnly = book.createCellStyle();
            dateOnly.setDataFormat(book.createDataFormat().getFormat("yyyy-mm-dd"));

            Sheet events = book.createSheet("Events");
            Row header = events.createRow(0);
            String[] names = {"message", " datetime ", "precise", "day", "count", "ratio", "flag", "doubled", "label",
                    "empty", "message"};
            for (int i = 0; i < names.length; i++) {
                header.createCell(i).setCellValue(names[i]);
            }
            Row row = events.createRow(1);
            row.createCell(0).setCellValue("hello");
            row.createCell(1).setCellValue(LocalDateTime.of(2024, 3, 14, 4, 17, 38, 123_000_000));
            row.getCell(1).setCellStyle(dateTime);
            // 2024-03-14 is serial 45365; one microsecond after noon.
            row.createCell(2).setCellValue(45365 + (43_200_000_001L / 86_400_000_000.0));
            row.getCell(2).setCellStyle(dateTime);
            row.createCell(3).setCellValue(LocalDateTime.of(2024, 1, 2, 0, 0));
            row.getCell(3).setCellStyle(dateOnly);
            row.createCell(4).setCellValue(42);
            row.createCell(5).setCellValue(0.5);
            row.createCell(6).setCellValue(true);
            row.createCell(7).setCellFormula("E2*2");
            row.createCell(8).setCellFormula("A2&\"!\"");
            row.createCell(9).setBlank();
            row.createCell(10).setCellValue("duplicate header");

            Row sparse = events.createRow(2);
            sparse.createCell(0).setCellValue("sparse");
            events.createRow(3).createCell(2).setBlank();
            Row wide = events.createRow(4);
            wide.createCell(0).setCellValue("too wide");
            wide.createCell(14).setCellValue("stray");
            events.createRow(5).createCell(0).setCellValue("last");

            Sheet other = book.createSheet("Other");
            other.createRow(0).createCell(0).setCellValue("name");
            other.createRow(1).createCell(0).setCellValue("second sheet");
            book.createSheet("Blank");

            FormulaEvaluator evaluator = book.getCreationHelper().createFormulaEvaluator();
            evaluator.evaluateAll();
        });
        return file;
    }

    private interface Filler {
        void fill(Workbook book);
    }

    private static void save(Workbook book, Path file, Filler filler) throws IOException {
        try (book; OutputStream out = Files.newOutputStream(file)) {
            filler.fill(book);
            book.write(out);
        }
    }
}
