package org.uniconbench.harness.train;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The schedule of interleaved timing passes: blocks per seed, N passes per arm and seed, a rotating order. */
class TimingPassesTest {

    private static Map<Integer, List<String>> arms(List<Integer> seeds, List<String> arms) {
        Map<Integer, List<String>> out = new LinkedHashMap<>();
        seeds.forEach(s -> out.put(s, arms));
        return out;
    }

    @Test
    void everyArmAndSeedGetsExactlyNPassesInTheBlockOfItsSeed() {
        List<List<TimingPasses.Pass>> blocks = TimingPasses.schedule(arms(List.of(0, 1, 2), List.of("cn", "a", "b")),
                4);
        assertEquals(3, blocks.size(), "one block per seed");
        for (int b = 0; b < 3; b++) {
            Map<String, Integer> count = new HashMap<>();
            for (TimingPasses.Pass p : blocks.get(b)) {
                assertEquals(b, p.seed(), "a block holds its own seed's passes only");
                count.merge(p.arm(), 1, Integer::sum);
            }
            assertEquals(Map.of("cn", 4, "a", 4, "b", 4), count);
        }
    }

    @Test
    void eachRoundTimesEveryArmOnceAndTheFirstArmMovesFromRoundToRoundAndAcrossBlocks() {
        List<String> armNames = List.of("cn", "a", "b");
        List<List<TimingPasses.Pass>> blocks = TimingPasses.schedule(arms(List.of(0, 1), armNames), 2);
        List<List<String>> rounds = new ArrayList<>();
        for (List<TimingPasses.Pass> block : blocks) {
            for (int r = 0; r < 2; r++) {
                int round = r;
                rounds.add(block.stream().filter(p -> p.round() == round).map(TimingPasses.Pass::arm).toList());
            }
        }
        assertEquals(List.of(List.of("cn", "a", "b"), List.of("a", "b", "cn"), List.of("b", "cn", "a"),
                List.of("cn", "a", "b")), rounds);
        for (int i = 1; i < rounds.size(); i++) {
            assertNotEquals(rounds.get(i - 1).get(0), rounds.get(i).get(0),
                    "round " + i + " starts where the last did");
        }
        Set<String> first = new HashSet<>();
        rounds.forEach(r -> first.add(r.get(0)));
        assertEquals(Set.copyOf(armNames), first, "every arm goes first in some round");
    }

    @Test
    void aSeedTimesOnlyTheArmsThatCompletedItAndASeedWithoutArmsHasNoBlock() {
        Map<Integer, List<String>> completed = new LinkedHashMap<>();
        completed.put(0, List.of("cn", "a"));
        completed.put(1, List.of());
        completed.put(2, List.of("a"));
        List<List<TimingPasses.Pass>> blocks = TimingPasses.schedule(completed, 2);
        assertEquals(2, blocks.size());
        assertEquals(4, blocks.get(0).size());
        assertEquals(List.of(2, 2), blocks.get(1).stream().map(TimingPasses.Pass::seed).toList());
        assertTrue(blocks.get(1).stream().allMatch(p -> p.arm().equals("a")));
        assertTrue(TimingPasses.schedule(completed, 0).isEmpty(), "0 rounds: off");
    }

    @Test
    void aPassPrintsOneLineThatTheParentReadsBack() {
        TimingPass.Result r = TimingPass.parse("stepMs=12.5 forwardMs=4.0 backwardMs=7.25 laterField=1");
        assertEquals(new TimingPass.Result(12.5, 4.0, 7.25), r);
    }
}
