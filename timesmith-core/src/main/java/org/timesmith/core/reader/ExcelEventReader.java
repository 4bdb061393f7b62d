package org.timesmith.core.reader;

import com.github.pjfanning.xlsx.StreamingReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.poifs.filesystem.POIFSFileSystem;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Date1904Support;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.FormulaError;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;

/**
 * Reads one sheet of an Excel workbook: XLSX streamed row by row (excel-streaming-reader), XLS
 * through POI's HSSF (loaded whole, which the format's 65,536-row limit keeps bounded). The first
 * sheet is read unless {@link ReaderOptions#sheet()} names another; the first non-empty row is the
 * header. Date-formatted cells become ISO-8601 local date-time text with their full fraction
 * (to the microsecond, computed from the exact cell value), other numbers stay numbers (integral
 * ones as {@code Long}), booleans stay booleans, formulas give their cached value, empty cells
 * {@code ""}. Fully empty rows are not records; a value beyond the header's last column rejects
 * its row.
 */
public final class ExcelEventReader extends AbstractEventReader {

    private static final BigDecimal MICROS_PER_DAY = BigDecimal.valueOf(86_400_000_000L);
    private static final LocalDateTime EPOCH_1904 = LocalDateTime.of(1904, 1, 1, 0, 0);
    private static final LocalDateTime DAY_ZERO_1900 = LocalDateTime.of(1899, 12, 31, 0, 0);
    // Excel counts a 29 February 1900 that never was; serial numbers from 61 on are one day ahead.
    private static final LocalDateTime DAY_ZERO_AFTER_LEAP_BUG = LocalDateTime.of(1899, 12, 30, 0, 0);

    private final Workbook workbook;
    private final boolean date1904;
    private final long fileSize;
    private final Iterator<Row> rows;
    private final List<String> header;
    private long recordNumber;
    private long rowNumber;

    private ExcelEventReader(String sourceName, Workbook workbook, boolean date1904, long fileSize, Sheet sheet) {
        super(sourceName);
        this.workbook = workbook;
        this.date1904 = date1904;
        this.fileSize = fileSize;
        this.rows = sheet.rowIterator();
        Row first = nextNonEmptyRow();
        if (first == null) {
            throw new InputFormatException(sourceName + ": sheet '" + sheet.getSheetName() + "' is empty (no header row)");
        }
        List<String> cells = new ArrayList<>();
        for (Cell cell : first) {
            while (cells.size() < cell.getColumnIndex()) {
                cells.add("");
            }
            cells.add(String.valueOf(value(cell)));
        }
        this.header = Headers.fieldNames(cells);
    }

    public static ExcelEventReader openXlsx(Path file, ReaderOptions options) {
        Workbook workbook;
        try {
            workbook = StreamingReader.builder().rowCacheSize(256).bufferSize(64 * 1024).open(file.toFile());
        } catch (RuntimeException e) {
            throw new InputFormatException(options.sourceName() + ": not a readable XLSX workbook (" + e.getMessage()
                    + ")", e);
        }
        boolean date1904 = workbook instanceof Date1904Support support && support.isDate1904();
        return open(file, options, workbook, date1904);
    }

    public static ExcelEventReader openXls(Path file, ReaderOptions options) {
        HSSFWorkbook workbook;
        try (POIFSFileSystem fileSystem = new POIFSFileSystem(file.toFile(), true)) {
            workbook = new HSSFWorkbook(fileSystem);
        } catch (IOException | RuntimeException e) {
            throw new InputFormatException(options.sourceName() + ": not a readable XLS workbook (" + e.getMessage()
                    + ")", e);
        }
        return open(file, options, workbook, workbook.getInternalWorkbook().isUsing1904DateWindowing());
    }

    private static ExcelEventReader open(Path file, ReaderOptions options, Workbook workbook, boolean date1904) {
        try {
            Sheet sheet = selectSheet(workbook, options);
            return new ExcelEventReader(options.sourceName(), workbook, date1904, Files.size(file), sheet);
        } catch (IOException e) {
            TextInput.closeQuietly(workbook);
            throw new InputFormatException(options.sourceName() + ": cannot be read (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            TextInput.closeQuietly(workbook);
            throw e instanceof InputFormatException ife ? ife
                    : new InputFormatException(options.sourceName() + ": cannot read the workbook (" + e.getMessage()
                    + ")", e);
        }
    }

    private static Sheet selectSheet(Workbook workbook, ReaderOptions options) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < workbook.getNumberOfSheets(); i++) {
            names.add(workbook.getSheetName(i));
        }
        if (names.isEmpty()) {
            throw new InputFormatException(options.sourceName() + ": the workbook has no sheets");
        }
        if (options.sheet().isEmpty()) {
            return workbook.getSheetAt(0);
        }
        int index = names.indexOf(options.sheet().get());
        if (index < 0) {
            throw new InputFormatException(options.sourceName() + ": no sheet named '" + options.sheet().get()
                    + "'; the workbook's sheets are " + names);
        }
        return workbook.getSheetAt(index);
    }

    public List<String> header() {
        return header;
    }

    @Override
    protected ReadItem fetch() {
        Row row = nextNonEmptyRow();
        if (row == null) {
            return null;
        }
        recordNumber++;
        Object[] values = new Object[header.size()];
        Arrays.fill(values, "");
        for (Cell cell : row) {
            Object value = value(cell);
            int column = cell.getColumnIndex();
            if (column < values.length) {
                values[column] = value;
            } else if (!"".equals(value)) {
                return Rejection.of(sourceName, recordNumber, rowNumber, "row has a value in column " + (column + 1)
                        + " but the header has " + header.size() + " columns");
            }
        }
        Map<String, Object> fields = LinkedHashMap.newLinkedHashMap(values.length);
        for (int i = 0; i < values.length; i++) {
            fields.put(header.get(i), values[i]);
        }
        return new SourceRecord(recordNumber, rowNumber, fields);
    }

    private Row nextNonEmptyRow() {
        try {
            while (rows.hasNext()) {
                Row row = rows.next();
                rowNumber = row.getRowNum() + 1L;
                for (Cell cell : row) {
                    if (!"".equals(value(cell))) {
                        return row;
                    }
                }
            }
            return null;
        } catch (InputFormatException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InputFormatException(sourceName + ": cannot read the workbook after row " + rowNumber + " ("
                    + e.getMessage() + ")", e);
        }
    }

    private Object value(Cell cell) {
        CellType type = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
        return switch (type) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> DateUtil.isCellDateFormatted(cell)
                    ? localDateTime(cell.getNumericCellValue())
                    : number(cell.getNumericCellValue());
            case BOOLEAN -> cell.getBooleanCellValue();
            case ERROR -> FormulaError.forInt(cell.getErrorCellValue()).getString();
            default -> "";
        };
    }

    private static Object number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 0x1p53) {
            return (long) value;
        }
        return value;
    }

    /** An Excel serial date (days, fraction = time of day) as ISO local date-time, to the microsecond. */
    private String localDateTime(double serial) {
        BigDecimal exact = new BigDecimal(serial);
        BigDecimal days = exact.setScale(0, RoundingMode.FLOOR);
        long micros = exact.subtract(days).multiply(MICROS_PER_DAY).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
        long wholeDays = days.longValueExact();
        LocalDateTime dayZero = date1904 ? EPOCH_1904 : wholeDays < 61 ? DAY_ZERO_1900 : DAY_ZERO_AFTER_LEAP_BUG;
        return dayZero.plusDays(wholeDays).plus(micros, ChronoUnit.MICROS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    @Override
    protected String position() {
        return "row " + rowNumber;
    }

    /** The workbook container is consumed when it is opened, so this is the file size from then on. */
    @Override
    public long bytesRead() {
        return fileSize;
    }

    @Override
    public void close() {
        TextInput.closeQuietly(workbook);
    }

    /** XLSX: a ZIP archive with {@code xl/workbook.xml}. */
    public static final class XlsxProvider implements ReaderProvider {
        @Override
        public ReaderInfo info() {
            return ReaderInfo.binary(Format.XLSX, "XLSX", "an XLSX workbook", 10, Container.ZIP)
                    .withAliases("EXCEL").withExtensions("xlsx");
        }

        @Override
        public boolean recognises(FileHead head) {
            return head.hasZipEntry("xl/workbook.xml");
        }

        @Override
        public EventReader open(Path file, ReaderOptions options) {
            return openXlsx(file, options);
        }
    }

    /** XLS: any OLE2 compound file (the reader refuses one without a workbook). */
    public static final class XlsProvider implements ReaderProvider {
        @Override
        public ReaderInfo info() {
            return ReaderInfo.binary(Format.XLS, "XLS", "an XLS workbook", 30, Container.OLE2).withExtensions("xls");
        }

        @Override
        public boolean recognises(FileHead head) {
            return true;
        }

        @Override
        public EventReader open(Path file, ReaderOptions options) {
            return openXls(file, options);
        }
    }
}
