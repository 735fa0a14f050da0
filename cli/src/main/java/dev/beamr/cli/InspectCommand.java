package dev.beamr.cli;

import dev.beamr.engine.model.CustomSection;
import dev.beamr.engine.model.Export;
import dev.beamr.engine.model.ExternKind;
import dev.beamr.engine.model.Import;
import dev.beamr.engine.model.WasmModule;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code beamr inspect FILE}: what a module imports and exports, its memories and custom sections. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Prints a module's imports, exports with their types, memories and custom sections.")
final class InspectCommand implements Callable<Integer> {
    private static final String INDENT = "  ";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The WebAssembly module (.wasm).")
    Path file;

    @Override
    public Integer call() {
        WasmModule module = Modules.decode(file);
        IndexSpaces spaces = new IndexSpaces(module);
        PrintWriter out = spec.commandLine().getOut();

        String name = module.names().moduleName();
        out.println("module " + file + (name == null ? "" : " (name " + name + ")"));
        out.println(INDENT + spaces.entries(ExternKind.FUNCTION).size() + " functions ("
                + module.importedFunctionCount() + " imported), " + module.types().size() + " types");

        List<Import> imports = module.imports();
        out.println("imports: " + imports.size());
        // Imports come first in their kind's index space, in section order.
        int[] importsSeen = new int[ExternKind.values().length];
        for (Import imported : imports) {
            ExternKind kind = imported.kind();
            out.println(INDENT + IndexSpaces.keyword(kind) + " " + imported.module() + "." + imported.name()
                    + " " + spaces.describe(kind, importsSeen[kind.ordinal()]++));
        }

        List<Export> exports = module.exports();
        out.println("exports: " + exports.size());
        for (Export export : exports) {
            out.println(INDENT + IndexSpaces.keyword(export.kind()) + " " + export.name() + " "
                    + spaces.describe(export.kind(), export.index()));
        }

        List<IndexSpaces.Entry> memories = spaces.entries(ExternKind.MEMORY);
        out.println("memories: " + memories.size());
        for (int i = 0; i < memories.size(); i++) {
            IndexSpaces.Entry memory = memories.get(i);
            out.println(INDENT + i + " " + memory.description()
                    + (memory.importedFrom() == null ? "" : " imported from " + memory.importedFrom()));
        }

        List<CustomSection> customs = module.customSections();
        out.println("custom sections: " + customs.size());
        for (CustomSection custom : customs) {
            out.println(INDENT + custom.name() + " (" + custom.data().length + " bytes)");
        }
        return 0;
    }
}
