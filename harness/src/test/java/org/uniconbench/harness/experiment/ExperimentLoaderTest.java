package org.uniconbench.harness.experiment;

import org.uniconbench.baselines.control.AdapterSpec;
import org.uniconbench.baselines.control.ConnectorKind;
import org.uniconbench.baselines.control.Flow;
import org.uniconbench.baselines.control.Method;
import org.uniconbench.baselines.control.Scope;
import org.uniconbench.baselines.data.ConditionKind;
import org.uniconbench.baselines.data.DatasetKind;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExperimentLoaderTest {

    /** Smallest valid file: the two required keys. */
    static final String MINIMAL = """
            name: tiny
            arms:
              - name: cn
                method: controlnet
            """;

    static Path resource(String name) {
        try {
            return Path.of(ExperimentLoaderTest.class.getResource("/experiment/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static ExperimentException failure(String yaml) {
        return assertThrows(ExperimentException.class, () -> ExperimentLoader.parse(yaml, "test.yaml"));
    }

    /** Asserts that one of the problems sits at path and line and that its message holds every fragment. */
    static ExperimentException.Problem assertProblem(ExperimentException e, String path, int line,
            String... fragments) {
        for (ExperimentException.Problem problem : e.problems()) {
            if (problem.path().equals(path)) {
                assertEquals(line, problem.line(), () -> "line of " + path + " in\n" + e.getMessage());
                String text = problem.toString();
                assertTrue(text.startsWith("test.yaml:" + line + ": "), text);
                for (String fragment : fragments) {
                    assertTrue(text.contains(fragment), () -> "'" + fragment + "' missing from: " + text);
                }
                assertTrue(e.getMessage().contains(text), e.getMessage());
                return problem;
            }
        }
        throw new AssertionError("no problem at " + path + " in:\n" + e.getMessage());
    }

    @Test
    void sampleFilesLoad() {
        Experiment quick = ExperimentLoader.load(resource("quickstart.yaml"));
        assertEquals("quickstart", quick.name());
        assertEquals(List.of(0, 1), quick.seeds());
        assertEquals(2, quick.arms().size());
        assertEquals(0.5, quick.arm("unicon-half").adapter().width());
        assertEquals(ConnectorKind.ZERO_FT, quick.arm("unicon-half").adapter().connector());
        assertEquals(0.25, quick.condition().cannyHigh());

        Experiment fashion = ExperimentLoader.load(resource("fashion-downsample.yaml"));
        assertEquals(DatasetKind.FASHION_MNIST, fashion.dataset().kind());
        assertNull(fashion.dataset().path());
        assertEquals(DatasetSpec.DEFAULT_FASHION_MNIST_PATH, fashion.dataset().effectivePath());
        assertEquals(ConditionKind.DOWNSAMPLE, fashion.condition().kind());
        assertEquals(8, fashion.condition().factor());
        assertEquals(DeviceChoice.CPU, fashion.device());
        assertEquals(2, fashion.arm("cn").adapter().depth());
        assertEquals(1, fashion.arm("uc-shallow").adapter().depth());
        assertEquals(25, fashion.evaluation().samplerSteps());
    }

    @Test
    void defaultsAreFilledIn() {
        Experiment e = ExperimentLoader.parse(MINIMAL, "test.yaml");
        assertEquals("", e.description());
        assertEquals(List.of(0), e.seeds());
        assertEquals(DeviceChoice.AUTO, e.device());
        assertEquals("runs", e.output());
        assertEquals(new DatasetSpec(DatasetKind.SHAPES, 32, 2048, 16, null), e.dataset());
        assertEquals(new ConditionSpec(ConditionKind.CANNY, 0.1, 0.2, 2, 4), e.condition());
        assertEquals(new BackboneSpec(BackboneKind.UNET, List.of(32, 64, 64), 1, 8,
                new DitSpec(4, 96, 6, 4, 2, false), null, new PretrainSpec(1500, 32, 2e-4)), e.backbone());
        assertEquals(new DiffusionSpec(1000, 1e-4, 0.02), e.diffusion());
        assertEquals(List.of(new ArmSpec("cn", new AdapterSpec(Method.CONTROLNET, Scope.ENCODER,
                Flow.BIDIRECTIONAL, 1.0, 1, ConnectorKind.ZERO_CONV), AdapterStart.SLICE)), e.arms());
        assertEquals(new TrainingSpec(400, 16, 1e-4, 10), e.training());
        assertEquals(new EvaluationSpec(16, 25), e.evaluation());
    }

    @Test
    void adapterDefaultsFollowMethodAndBackbone() {
        Experiment e = ExperimentLoader.parse("""
                name: t
                backbone:
                  res_blocks: 3
                arms:
                  - {name: u, method: unicon}
                  - {name: c, method: controlnet, adapter: {depth: null}}
                """, "test.yaml");
        assertEquals(new AdapterSpec(Method.UNICON, Scope.FULL, Flow.UNIDIRECTIONAL, 1.0, 3, ConnectorKind.ZERO_FT),
                e.arm("u").adapter());
        assertEquals(new AdapterSpec(Method.CONTROLNET, Scope.ENCODER, Flow.BIDIRECTIONAL, 1.0, 3,
                ConnectorKind.ZERO_CONV), e.arm("c").adapter());
    }

    @Test
    void defaultsThatExceedTheirLimitAreLowered() {
        Experiment e = ExperimentLoader.parse(MINIMAL + "dataset: {eval_size: 4}\ndiffusion: {timesteps: 10}\n",
                "test.yaml");
        assertEquals(new EvaluationSpec(4, 10), e.evaluation());
    }

    @Test
    void listsInRecordsAreUnmodifiable() {
        Experiment e = ExperimentLoader.parse(MINIMAL, "test.yaml");
        assertThrows(UnsupportedOperationException.class, () -> e.seeds().add(1));
        assertThrows(UnsupportedOperationException.class, () -> e.arms().clear());
        assertThrows(UnsupportedOperationException.class, () -> e.backbone().channels().set(0, 8));
    }

    @Test
    void widthOutOfRangeNamesArmIndexAndAllowedRange() {
        ExperimentException e = failure("""
                name: t
                arms:
                  - name: a
                    method: controlnet
                  - name: b
                    method: unicon
                    adapter:
                      width: 1.5
                """);
        assertProblem(e, "arms[1].adapter.width", 8,
                "arms[1].adapter.width = 1.5 is out of range; allowed: a number in (0, 1]");
        assertEquals("arms[1].adapter.width", e.path());
        assertEquals(8, e.line());
        assertEquals("test.yaml:8: arms[1].adapter.width = 1.5 is out of range; allowed: a number in (0, 1]",
                e.getMessage());
    }

    @Test
    void unknownKeyNamesPathLineAndSuggestion() {
        ExperimentException e = failure(MINIMAL + """
                training:
                  steps: 10
                  learning_rat: 0.001
                """);
        assertProblem(e, "training.learning_rat", 7, "training.learning_rat is not a known key",
                "allowed keys in training: steps, batch_size, learning_rate, log_every",
                "did you mean 'learning_rate'?");
    }

    @Test
    void unknownKeyWithoutCloseMatchListsAllowedKeysOnly() {
        ExperimentException e = failure(MINIMAL + "optimizer: adam\n");
        ExperimentException.Problem p = assertProblem(e, "optimizer", 5, "optimizer is not a known key",
                "allowed keys: name, description, seeds, device, output, dataset");
        assertTrue(!p.message().contains("did you mean"), p.message());
    }

    @Test
    void camelCaseKeySuggestsSnakeCase() {
        ExperimentException e = failure(MINIMAL + "training: {batchSize: 4}\n");
        assertProblem(e, "training.batchSize", 5, "did you mean 'batch_size'?");
    }

    @Test
    void wrongTypeSaysExpectedAndFound() {
        ExperimentException e = failure(MINIMAL + "training:\n  steps: abc\n  learning_rate: fast\n");
        assertProblem(e, "training.steps", 6, "expected an integer, found 'abc'", "allowed: an integer in 1..10000000");
        assertProblem(e, "training.learning_rate", 7, "expected a number, found 'fast'", "allowed: a number in (0, 1]");
    }

    @Test
    void fractionWhereIntegerBelongsIsATypeError() {
        ExperimentException e = failure(MINIMAL + "dataset: {resolution: 32.0}\n");
        assertProblem(e, "dataset.resolution", 5, "expected an integer, found '32.0'", "allowed: an integer in 8..256");
    }

    @Test
    void quotedNumberIsATypeErrorWithHint() {
        ExperimentException e = failure(MINIMAL + "training: {steps: \"400\"}\n");
        assertProblem(e, "training.steps", 5, "expected an integer, found the quoted text '400' (remove the quotes)");
    }

    @Test
    void nullForKeyWithDefaultSaysToLeaveItOut() {
        ExperimentException e = failure(MINIMAL + "training:\n  steps:\n");
        assertProblem(e, "training.steps", 6, "expected an integer, found null", "leave the key out",
                "allowed: an integer in 1..10000000");
    }

    @Test
    void missingRequiredKeysNameParentAndLine() {
        ExperimentException e = failure("""
                description: no name here
                arms:
                  - name: a
                  - method: unicon
                """);
        assertProblem(e, "name", 1, "the file is missing required key 'name'", "allowed: a name matching");
        assertProblem(e, "arms[0].method", 3, "arms[0] is missing required key 'method'",
                "allowed: one of controlnet, unicon");
        assertProblem(e, "arms[1].name", 4, "arms[1] is missing required key 'name'");
        assertEquals(3, e.problems().size(), e.getMessage());
    }

    @Test
    void missingArmsIsAnError() {
        ExperimentException e = failure("name: t\n");
        assertProblem(e, "arms", 1, "the file is missing required key 'arms'", "allowed: a list of 1 to 16 arms");
    }

    @Test
    void allProblemsAreReportedTogetherInLineOrder() {
        ExperimentException e = failure("""
                name: bad name
                device: cuda
                seeds: [1, 1]
                arms:
                  - {name: a, method: gan}
                """);
        assertEquals(4, e.problems().size(), e.getMessage());
        assertEquals(List.of(1, 2, 3, 5), e.problems().stream().map(ExperimentException.Problem::line).toList());
        assertEquals(4, e.getMessage().split("\n").length);
        assertProblem(e, "name", 1, "name = 'bad name' is not allowed",
                "allowed: 1 to 64 characters from A-Z a-z 0-9 . _ -");
        assertProblem(e, "device", 2, "device = 'cuda' is not allowed; allowed: one of auto, cpu, gpu");
        assertProblem(e, "seeds[1]", 3, "seeds[1] = 1 repeats seeds[0]", "distinct non-negative integers");
        assertProblem(e, "arms[0].method", 5, "'gan' is not allowed; allowed: one of controlnet, unicon");
    }

    @Test
    void enumTypoSuggestsClosestName() {
        ExperimentException e = failure(MINIMAL + "dataset: {kind: fashion_mnist}\n");
        assertProblem(e, "dataset.kind", 5, "'fashion_mnist' is not allowed; allowed: one of shapes, fashion-mnist",
                "did you mean 'fashion-mnist'?");
    }

    @Test
    void scalarSeedsSaysToWriteAList() {
        ExperimentException e = failure(MINIMAL + "seeds: 3\n");
        assertProblem(e, "seeds", 5, "expected a list, found 3", "write seeds: [3]");
    }

    @Test
    void seedListLimits() {
        assertProblem(failure(MINIMAL + "seeds: []\n"), "seeds", 5, "seeds has 0 seeds", "allowed: a list of 1 to 32");
        assertProblem(failure(MINIMAL + "seeds: [0, -1]\n"), "seeds[1]", 5, "seeds[1] = -1 is out of range",
                "allowed: an integer in 0..2147483647");
    }

    @Test
    void duplicateKeysAreErrors() {
        ExperimentException e = failure(MINIMAL + "training:\n  steps: 5\n  steps: 6\n");
        assertProblem(e, "training.steps", 7, "training.steps is given twice (first on line 6)",
                "allowed: each key once");
    }

    @Test
    void emptyFileIsAClearError() {
        assertProblem(failure(""), "", 1, "the file is empty", "allowed: a mapping with at least 'name' and 'arms'");
        assertProblem(failure("# only a comment\n"), "", 1, "the file is empty");
    }

    @Test
    void topLevelListIsNotAMapping() {
        assertProblem(failure("- a\n- b\n"), "", 1, "the file must be a mapping of keys, found a list",
                "allowed keys: name, description");
    }

    @Test
    void brokenYamlReportsItsLine() {
        ExperimentException e = failure("name: t\narms: [\n  - x\n");
        assertTrue(e.getMessage().startsWith("test.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("not valid YAML"), e.getMessage());
        assertTrue(e.line() > 0);
    }

    @Test
    void secondDocumentIsAnError() {
        ExperimentException e = failure(MINIMAL + "---\nname: other\n");
        assertEquals(5, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("expected a single document"), e.getMessage());
    }

    @Test
    void nonFiniteAndHugeNumbersAreRejected() {
        ExperimentException e = failure(MINIMAL + "training:\n  steps: 99999999999999999999\n  learning_rate: .inf\n");
        assertProblem(e, "training.steps", 6, "training.steps = 99999999999999999999 is out of range");
        assertProblem(e, "training.learning_rate", 7, "expected a number, found '.inf'");
    }

    @Test
    void sectionThatIsNotAMappingIsAnError() {
        assertProblem(failure(MINIMAL + "training: 5\n"), "training", 5,
                "training: expected a mapping of keys, found 5",
                "allowed keys: steps, batch_size, learning_rate, log_every");
    }

    @Test
    void armNamesAreUniqueAndNotReserved() {
        ExperimentException e = failure("""
                name: t
                arms:
                  - {name: a, method: unicon}
                  - {name: target, method: unicon}
                  - {name: a, method: controlnet}
                """);
        assertProblem(e, "arms[1].name", 4, "arms[1].name = 'target' is reserved", "not condition, target or backbone");
        assertProblem(e, "arms[2].name", 5, "arms[2].name = 'a' repeats arms[0].name");
    }

    @Test
    void armsMustBeANonEmptyListOfMappings() {
        assertProblem(failure("name: t\narms: []\n"), "arms", 2, "arms has 0 entries",
                "allowed: a list of 1 to 16 arms");
        assertProblem(failure("name: t\narms:\n  - controlnet\n"), "arms[0]", 3,
                "arms[0]: expected a mapping of keys, found 'controlnet'",
                "allowed keys: name, method, adapter");
    }

    @Test
    void missingFileSaysNotFoundWithAbsolutePath(@TempDir Path dir) {
        Path missing = dir.resolve("nope.yaml");
        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentLoader.load(missing));
        assertTrue(e.getMessage().contains("not found"), e.getMessage());
        assertTrue(e.getMessage().contains(missing.toAbsolutePath().toString()), e.getMessage());
        assertEquals(0, e.line());
    }

    @Test
    void loadNamesTheFileInEveryProblem(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        java.nio.file.Files.writeString(file, MINIMAL + "device: tpu\n");
        ExperimentException e = assertThrows(ExperimentException.class, () -> ExperimentLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ":5: device = 'tpu'"), e.getMessage());
    }
}
