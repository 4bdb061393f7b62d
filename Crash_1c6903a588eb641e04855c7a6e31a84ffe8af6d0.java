import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

public class Crash_1c6903a588eb641e04855c7a6e31a84ffe8af6d0 {
    static final String base64Bytes = String.join("", "DQoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKI3NlcGFyYXRvciAKCgoKCgoKCgoKCgoKCgoKCgoKI3NlcGFyYXRvcu+/vQ0NLg1uZA0NDw0NICJhci13aW4tIlxFXVxFXV1dXV1dCg==");

    public static void main(String[] args) throws Throwable {
        Crash_1c6903a588eb641e04855c7a6e31a84ffe8af6d0.class.getClassLoader().setDefaultAssertionStatus(true);
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