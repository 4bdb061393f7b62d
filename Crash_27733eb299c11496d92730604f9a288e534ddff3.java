import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

public class Crash_27733eb299c11496d92730604f9a288e534ddff3 {
    static final String base64Bytes = String.join("", "CgoKCiNzZXBhcmF0b3IgCgoKCgoKCgoKCgojc2VwJH5lc3B0");

    public static void main(String[] args) throws Throwable {
        Crash_27733eb299c11496d92730604f9a288e534ddff3.class.getClassLoader().setDefaultAssertionStatus(true);
        try {
            Method fuzzerInitialize = org.timesmith.bench.ReaderFuzzTarget.class.getMethod("fuzzerInitialize");
            fuzzerInitialize.invoke(null);
        } catch (NoSuchMethodException ignored) {
            try {
                Method fuzzerInitialize = org.timesmith.bench.ReaderFuzzTarget.class.getMethod("fuzzerInitialize", String[].class);
                fuzzerInitialize.invoke(null, (Object) args);
            } catch (NoSuchMethodException ignored1) {
            } catch (IllegalAccessException | InvocationTargetException e) {
                e.printStackTrace();
                System.exit(1);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            e.printStackTrace();
            System.exit(1);
        }
        byte[] input = java.util.Base64.getDecoder().decode(base64Bytes);
        org.timesmith.bench.ReaderFuzzTarget.fuzzerTestOneInput(input);
    }
}