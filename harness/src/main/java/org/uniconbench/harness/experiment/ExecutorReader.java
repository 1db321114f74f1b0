package org.uniconbench.harness.experiment;

import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Reads and checks the {@code executor:} block for {@link ExperimentLoader}. */
final class ExecutorReader {

    static final List<String> KEYS = List.of("kind", "partition", "account", "qos", "time_limit", "cpus_per_task",
            "mem", "gres", "extra_args");

    /** Slurm's --time: minutes, MM:SS, HH:MM:SS, D-HH, D-HH:MM, D-HH:MM:SS. */
    private static final Pattern TIME = Pattern.compile("[0-9]+(:[0-9]{1,2}){0,2}|[0-9]+-[0-9]{1,2}(:[0-9]{1,2}){0,2}");
    /** Slurm's --mem: a whole number with an optional unit. */
    private static final Pattern MEM = Pattern.compile("[0-9]+[KMGT]?");
    /** A Slurm name (partition, account, qos): no spaces, no commas, no shell characters. */
    private static final Pattern WORD = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    /** A gres request such as gpu:1 or gpu:a100:2. */
    private static final Pattern GRES = Pattern
            .compile("[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)*(,[A-Za-z0-9._-]+(:[A-Za-z0-9._-]+)*)*");

    private ExecutorReader() {
    }

    static ExecutorSpec read(MappingReader m, Problems p) {
        ExecutorKind kind = m.choice("kind", ExecutorKind.LOCAL, ExecutorKind.values(), ExecutorKind::yamlName);
        String partition = matching(m, "partition", WORD, "a Slurm partition name, e.g. gpu", p);
        String account = matching(m, "account", WORD, "a Slurm account name", p);
        String qos = matching(m, "qos", WORD, "a Slurm QOS name", p);
        String timeLimit = matching(m, "time_limit", TIME,
                "Slurm's --time notation: minutes (90), H:MM:SS (1:30:00) or D-HH:MM:SS (2-00:00:00)", p);
        Integer cpus = m.optionalInteger("cpus_per_task", 1, 1024);
        String mem = matching(m, "mem", MEM, "Slurm's --mem notation: a whole number with an optional unit K, M, G "
                + "or T (8G, 16000M)", p);
        String gres = matching(m, "gres", GRES, "Slurm's --gres notation, e.g. gpu:1 or gpu:a100:2", p);
        List<String> extra = new ArrayList<>();
        List<Node> items = m.list("extra_args", "a list of sbatch arguments as text",
                "write extra_args: [\"--constraint=a100\"]");
        if (items != null) {
            for (int i = 0; i < items.size(); i++) {
                String path = m.child("extra_args") + "[" + i + "]";
                String arg = p.textOrNull(path, items.get(i),
                        "an sbatch argument starting with -, e.g. --constraint=a100");
                if (arg != null && !arg.startsWith("-")) {
                    p.add(path, Problems.line(items.get(i)), path + " = '" + arg + "' is not an sbatch option; "
                            + "allowed: an argument starting with -, e.g. --constraint=a100 (one list item per argument)");
                } else if (arg != null) {
                    extra.add(arg);
                }
            }
        }
        return new ExecutorSpec(kind, partition, account, qos, timeLimit, cpus, mem, gres, extra);
    }

    private static String matching(MappingReader m, String key, Pattern pattern, String allowed, Problems p) {
        String value = m.optionalText(key, allowed);
        if (value != null && !pattern.matcher(value).matches()) {
            String path = m.child(key);
            p.add(path, p.lineOf(m.line(), path), path + " = '" + value + "' is not allowed; allowed: " + allowed);
            return null;
        }
        return value;
    }
}
