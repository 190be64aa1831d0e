package io.crmaffinity.generate;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@code generate} wrote.
 *
 * @param rows data rows per table (planted bad rows included), in the order the tables are listed
 * @param locations per table, its file, or its folder and how many part files it holds, relative to the output
 *     folder, in the same order
 * @param blocks blocks of at most 400 customers, each with its own churners and planted bad rows
 * @param parts files per table (1 for single files)
 * @param firstBlockChurners the first block's churners as "id@churn-date"
 * @param firstBlockPlanted the first block's planted bad rows, one readable line each
 */
public record GenerateSummary(Path output, OutputFormat format, int customers, int blocks, int parts,
    Map<String, Long> rows, Map<String, String> locations, List<String> firstBlockChurners,
    List<String> firstBlockPlanted, double seconds) {}
