package dev.beamr.spec;

import dev.beamr.engine.model.FuncType;
import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.TableType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.Extern;
import dev.beamr.engine.runtime.Global;
import dev.beamr.engine.runtime.HostFunctionInstance;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.engine.runtime.Table;

import java.util.LinkedHashMap;
import java.util.Map;

/** The {@code spectest} host module that the suite's scripts import from. */
final class SpectestModule {
    static final String NAME = "spectest";

    private SpectestModule() {}

    /** A fresh set of exports, so that one script's writes to the table or memory never reach another. */
    static Map<String, Extern> create() {
        Map<String, Extern> exports = new LinkedHashMap<>();
        printer(exports, "print");
        printer(exports, "print_i32", ValType.I32);
        printer(exports, "print_i64", ValType.I64);
        printer(exports, "print_f32", ValType.F32);
        printer(exports, "print_f64", ValType.F64);
        printer(exports, "print_i32_f32", ValType.I32, ValType.F32);
        printer(exports, "print_f64_f64", ValType.F64, ValType.F64);
        exports.put("global_i32", constant(ValType.I32, 666));
        exports.put("global_i64", constant(ValType.I64, 666));
        exports.put("global_f32", constant(ValType.F32, Integer.toUnsignedLong(Float.floatToRawIntBits(666.6f))));
        exports.put("global_f64", constant(ValType.F64, Double.doubleToRawLongBits(666.6)));
        exports.put("table", new Table(new TableType(ValType.FUNCREF, new Limits(10, 20)), null));
        exports.put("memory", new Memory(new MemoryType(new Limits(1, 2), false, false)));
        return exports;
    }

    /** The suite only checks that these can be imported and called; their output is not part of any test. */
    private static void printer(Map<String, Extern> exports, String name, ValType... params) {
        FuncType type = new FuncType(params, new ValType[0]);
        exports.put(name, new HostFunctionInstance(NAME + "." + name, type, (caller, args) -> null));
    }

    private static Global constant(ValType type, long bits) {
        return new Global(new GlobalType(type, false), bits, null);
    }
}
