package dev.beamr;

import dev.beamr.engine.model.GlobalType;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.ImportDescriptor;
import dev.beamr.engine.model.Limits;
import dev.beamr.engine.model.MemoryType;
import dev.beamr.engine.model.TableType;
import dev.beamr.engine.model.ValType;
import dev.beamr.engine.runtime.Extern;
import dev.beamr.engine.runtime.Global;
import dev.beamr.engine.runtime.InstanceLimits;
import dev.beamr.engine.runtime.Memory;
import dev.beamr.engine.runtime.Table;

import java.util.List;

/**
 * A memory, table or global the host supplies for a module's import through
 * {@link InstanceOptions.Builder}. Each instance gets a definition of its own, built for the type the
 * module declares; the engine then checks that it fits the declaration.
 */
sealed interface SuppliedImport {
    /** What the builder's methods supply, for messages. */
    ExternType kind();

    /**
     * Builds the definition for {@code declared} under {@code instanceLimits}, the instance's own: its caps, and the
     * checkpoint that lets a long bulk operation on a supplied memory be stopped like one on its own.
     *
     * @throws LinkException {@code declared} imports another kind, or the value does not fit its type
     */
    Extern create(Import declared, InstanceLimits instanceLimits);

    /** A new, zeroed memory with {@code limits} in pages, or with the declared limits when null. */
    record NewMemory(Limits limits) implements SuppliedImport {
        @Override
        public ExternType kind() {
            return ExternType.MEMORY;
        }

        @Override
        public Extern create(Import declared, InstanceLimits instanceLimits) {
            if (!(declared.descriptor() instanceof ImportDescriptor.Memory memory)) throw wrongKind(declared, this);
            MemoryType type = memory.type();
            MemoryType chosen = limits == null ? type : new MemoryType(limits, type.is64(), type.shared());
            return new Memory(chosen, instanceLimits.maxMemoryPages(), instanceLimits.checkpoint());
        }
    }

    /** A new table of null references with {@code limits} in elements, or with the declared limits when null. */
    record NewTable(Limits limits) implements SuppliedImport {
        @Override
        public ExternType kind() {
            return ExternType.TABLE;
        }

        @Override
        public Extern create(Import declared, InstanceLimits instanceLimits) {
            if (!(declared.descriptor() instanceof ImportDescriptor.Table table)) throw wrongKind(declared, this);
            TableType type = table.type();
            TableType chosen = limits == null ? type : new TableType(type.elementType(), limits);
            return new Table(chosen, null, instanceLimits.maxTableElements());
        }
    }

    /** A global of the declared type and mutability holding {@code value}. */
    record GlobalValue(Number value) implements SuppliedImport {
        @Override
        public ExternType kind() {
            return ExternType.GLOBAL;
        }

        @Override
        public Extern create(Import declared, InstanceLimits instanceLimits) {
            if (!(declared.descriptor() instanceof ImportDescriptor.Global global)) throw wrongKind(declared, this);
            GlobalType type = global.type();
            try {
                long raw = Values.encode(new ValType[] {type.type()}, List.of(value), 1, "the value")[0];
                return new Global(type, raw, null);
            } catch (InvalidArgumentsException e) {
                throw new LinkException("the global import " + name(declared) + " of type " + type.type()
                        + " cannot hold the value supplied: " + e.getMessage());
            }
        }
    }

    private static LinkException wrongKind(Import declared, SuppliedImport supplied) {
        return new LinkException("the import " + name(declared) + " is a "
                + BeamrModule.externType(declared.kind()).name().toLowerCase()
                + " but was supplied as a " + supplied.kind().name().toLowerCase());
    }

    private static String name(Import declared) {
        return declared.module() + "." + declared.name();
    }
}
