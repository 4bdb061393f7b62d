package org.timesmith.core.store;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.util.Locale;
import java.util.Optional;

/**
 * Background work (imports, indexing, merges, analyzers) yields the CPU to searches.
 *
 * <p>On a machine with few cores, an import keeps every core busy, and a search that arrives
 * meanwhile waits its turn behind it: twenty users searching during an import saw a p95 three times
 * their quiet one. Java's thread priorities do nothing on Linux, so the threads that do background
 * work give themselves a nice value of {@value #NICE} through {@code setpriority(2)}, which on Linux
 * applies to the calling thread alone. The scheduler then gives a busy search thread about nine times
 * the CPU of a busy background thread; on an idle machine background work runs at full speed as
 * before. Elsewhere than Linux, or if the call is refused, nothing changes.
 */
public final class ThreadPriority {

    /** The nice value of background threads (0 is the default, 19 the lowest priority). */
    public static final int NICE = 10;
    private static final int PRIO_PROCESS = 0;
    private static final MethodHandle SET_PRIORITY = setPriority();

    private ThreadPriority() {
    }

    /**
     * {@code setpriority} through the foreign function API, looked up reflectively: the project builds
     * for Java 21, where that API is a preview, and runs on a newer JDK, where it is final.
     */
    private static MethodHandle setPriority() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux")) {
            return null;
        }
        try {
            Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
            Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
            Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
            Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
            Object linker = linkerType.getMethod("nativeLinker").invoke(null);
            Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
            Optional<?> symbol = (Optional<?>) Class.forName("java.lang.foreign.SymbolLookup").getMethod("find", String.class)
                    .invoke(lookup, "setpriority");
            if (symbol.isEmpty()) {
                return null;
            }
            Object javaInt = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
            Object arguments = Array.newInstance(layoutType, 3);
            for (int i = 0; i < 3; i++) {
                Array.set(arguments, i, javaInt);
            }
            Object descriptor = descriptorType.getMethod("of", layoutType, arguments.getClass())
                    .invoke(null, javaInt, arguments);
            return (MethodHandle) linkerType.getMethod("downcallHandle", Class.forName("java.lang.foreign.MemorySegment"),
                    descriptorType, optionType.arrayType()).invoke(linker, symbol.get(), descriptor,
                    Array.newInstance(optionType, 0));
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null; // an older JDK, or native access refused: threads keep their priority
        }
    }

    /**
     * Makes the calling platform thread a background thread for the rest of its life (Linux does not let
     * a thread take a lower nice value back), and the threads it starts from then on; true if it now is one.
     */
    public static boolean background() {
        if (SET_PRIORITY == null || Thread.currentThread().isVirtual()) {
            return false; // a virtual thread's carrier runs other work too
        }
        try {
            // who = 0: the calling thread (Linux keeps a nice value per thread)
            return (int) SET_PRIORITY.invokeExact(PRIO_PROCESS, 0, NICE) == 0;
        } catch (Throwable e) {
            return false;
        }
    }
}
