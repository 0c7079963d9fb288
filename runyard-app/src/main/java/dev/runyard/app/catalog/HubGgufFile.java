package dev.runyard.app.catalog;

import dev.runyard.core.format.gguf.GgufHeader;
import java.util.List;

/**
 * The GGUF file of a Hub repo that holds no {@code config.json}, read by its header: which quant was chosen and
 * where it is, the quants the repo holds, the file's size on the Hub (all parts of a split set), and the header
 * (the first part's metadata with every part's tensor infos), which gives the architecture and the exact bytes.
 */
public record HubGgufFile(String repo, String quant, String path, int parts, long fileBytes, List<String> quants,
                          GgufHeader header) {
    public HubGgufFile {
        quants = List.copyOf(quants);
    }
}
