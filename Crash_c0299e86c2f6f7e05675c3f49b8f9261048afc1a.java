import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

public class Crash_c0299e86c2f6f7e05675c3f49b8f9261048afc1a {
    static final String base64Bytes = String.join("", "CiNzZXBhcmF0b3JGRkZGRkZGRgojc2VwYXJhdG9yIAoKI3NlRgpf77+977+9IA==");

    public static void main(String[] args) throws Throwable {
        Crash_c0299e86c2f6f7e05675c3f49b8f9261048afc1a.class.getClassLoader().setDefaultAssertionStatus(true);
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