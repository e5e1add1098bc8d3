package dev.vecnn.bench.gemm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/** Finds libopenblas for the FFM baselines, or explains how to get it. */
final class OpenBlasLibrary {
    private OpenBlasLibrary() {}

    private static final String[] NAMES = {"libopenblas.so.0", "libopenblas.so", "libopenblasp.so.0",
        "/usr/lib/x86_64-linux-gnu/libopenblas.so.0",
        "/usr/lib/x86_64-linux-gnu/openblas-pthread/libopenblas.so.0"};

    static SymbolLookup lookup(Arena arena) {
        String override = System.getProperty("vecnn.openblas");
        if (override != null) {
            return SymbolLookup.libraryLookup(override, arena);
        }
        for (String name : NAMES) {
            try {
                return SymbolLookup.libraryLookup(name, arena);
            } catch (IllegalArgumentException notThere) {
                // try the next name
            }
        }
        String message = "OpenBLAS baseline skipped: libopenblas not found (Debian: apt-get install libopenblas0,"
                + " or pass -Dvecnn.openblas=/path/to/libopenblas.so.0)";
        System.out.println(message);
        throw new IllegalStateException(message);
    }

    /** The library's own configuration string (version and the core it picked). */
    static String describe(SymbolLookup lib, Arena arena) throws Throwable {
        var sym = lib.find("openblas_get_config");
        if (sym.isEmpty()) return "unknown configuration";
        MethodHandle h = Linker.nativeLinker().downcallHandle(sym.get(), FunctionDescriptor.of(ValueLayout.ADDRESS));
        MemorySegment p = (MemorySegment) h.invokeExact();
        String config = p.reinterpret(256).getString(0);
        var core = lib.find("openblas_get_corename");
        if (core.isPresent()) {
            MethodHandle hc = Linker.nativeLinker().downcallHandle(core.get(), FunctionDescriptor.of(ValueLayout.ADDRESS));
            config += " core=" + ((MemorySegment) hc.invokeExact()).reinterpret(64).getString(0);
        }
        return config;
    }
}
