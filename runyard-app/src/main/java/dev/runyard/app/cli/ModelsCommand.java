package dev.runyard.app.cli;

import dev.runyard.app.store.CatalogStore;
import dev.runyard.app.store.ModelFilter;
import dev.runyard.app.store.ModelRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runyard models}: the catalog from the store, filtered by family or a search text, ordered by id. */
@Command(name = "models", description = "List catalog models (bundled and synced), ordered by id.")
public final class ModelsCommand implements Callable<Integer> {
    @Option(names = "--family", paramLabel = "F", description = "Only this family, e.g. qwen3, llama3.1.")
    String family;

    @Option(names = "--search", paramLabel = "Q", description = "Only models whose id or name contains Q.")
    String search;

    @Mixin
    DbOption db;

    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (family != null && family.isBlank() || search != null && search.isBlank()) {
            throw dev.runyard.core.error.RunyardException.badInput("--family and --search need a value, got an empty one",
                    "e.g. --family qwen3 or --search llama; leave them out to list every model");
        }
        List<ModelRecord> models;
        try (CatalogStore store = CatalogStore.open(db.spec())) {
            models = store.models(new ModelFilter(family, search));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (common.json()) {
            out.println(Json.write(models.stream().map(ModelsView::toMap).toList()));
        } else {
            out.print(ModelsView.toText(models));
        }
        out.flush();
        return 0;
    }
}
