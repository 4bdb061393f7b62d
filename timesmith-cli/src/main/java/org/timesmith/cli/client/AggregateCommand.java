package org.timesmith.cli.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.timesmith.client.Aggregation;
import org.timesmith.client.Sketch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code timesmith aggregate}: list aggregators, or run one and print its table (and write its Vega-Lite chart). */
@Command(name = "aggregate", mixinStandardHelpOptions = true, description = "Run an aggregator in a sketch.")
public final class AggregateCommand implements Callable<Integer> {

    @Mixin
    ServerOptions server;

    @Option(names = "--sketch", required = true)
    long sketchId;

    @Option(names = "--list", description = "List the available aggregators and their parameters.")
    boolean list;

    @Parameters(arity = "0..1", paramLabel = "AGGREGATOR", description = "e.g. field_bucket")
    String aggregator;

    @Option(names = {"-p", "--param"}, paramLabel = "NAME=VALUE", description = "Aggregator parameter (repeatable).")
    List<String> parameters = List.of();

    @Option(names = "--chart", paramLabel = "FILE", description = "Write the Vega-Lite chart spec to FILE.")
    Path chart;

    @Option(names = "--save", paramLabel = "NAME", description = "Save the aggregation in the sketch under NAME.")
    String saveAs;

    @Override
    public Integer call() {
        Sketch sketch = server.connect().getSketch(sketchId);
        if (list || aggregator == null) {
            System.out.print(sketch.listAvailableAggregators());
            return 0;
        }
        Map<String, Object> params = new LinkedHashMap<>();
        for (String parameter : parameters) {
            int equals = parameter.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--param takes NAME=VALUE, not " + parameter);
            }
            String value = parameter.substring(equals + 1);
            params.put(parameter.substring(0, equals), value.matches("-?\\d{1,9}") ? (Object) Integer.parseInt(value) : value);
        }
        Aggregation aggregation = sketch.runAggregator(aggregator, params);
        System.out.print(aggregation.table());
        if (chart != null) {
            try {
                Files.writeString(chart, aggregation.vegaLiteSpec().orElseThrow(() -> new IllegalArgumentException(
                        "The server returned no chart; give a supported_charts parameter.")));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot write " + chart + ": " + e.getMessage(), e);
            }
        }
        if (saveAs != null) {
            System.out.println("Saved as aggregation " + aggregation.save(saveAs, ""));
        }
        return 0;
    }
}
