package dev.vecnn.peers.compare;

import dev.vecnn.peers.protocol.PeerArgs;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** compare.sh's options. */
final class CompareOptions {
        boolean quick;
        boolean sweep = true;
        /** Cases the sweep runs; the others take the best setting of the nearest swept case (see {@link #proxy}). */
        List<String> sweepCases = null;
        int rounds = 3;
        List<Integer> threads = List.of(1, 2);
        List<String> cases = Cases.ALL.stream().map(Cases.CaseDef::name).toList();
        List<String> peers = List.of("vecnn", "torch", "numpy", "dl4j");
        String data;
        String python = "/usr/bin/python3";
        Path peersDir = Path.of("peers");
        Path jar = Path.of("peers/target/vecnn-peers.jar");
        Path dl4jJar = Path.of("peers-dl4j/target/peers-dl4j.jar");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path out;
        String name;
        String lock = "/tmp/vecnn-bench.lock";
        String command = "peers/compare.sh";
        String build = "";
        long timeoutSeconds = 1200;
        /** Before each timing run, wait up to this long for other processes to use less than quietBusy of the CPUs. */
        long quietWaitSeconds = 30;
        /** All waits for quiet together stop after this many seconds; later runs start at once. */
        long quietBudgetSeconds = 900;
        double quietBusy = 0.25;
    
    static CompareOptions parse(String[] args) {
        CompareOptions o = new CompareOptions();
        o.data = PeerArgs.defaultData().toString();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick" -> o.quick = true;
                case "--no-sweep" -> o.sweep = false;
                case "--rounds" -> o.rounds = Integer.parseInt(args[++i]);
                case "--threads" -> o.threads = Arrays.stream(args[++i].split(",")).map(String::trim).map(Integer::parseInt).toList();
                case "--cases" -> o.cases = List.of(args[++i].split(","));
                case "--sweep-cases" -> o.sweepCases = List.of(args[++i].split(","));
                case "--peers" -> o.peers = List.of(args[++i].split(","));
                case "--data" -> o.data = args[++i];
                case "--python" -> o.python = args[++i];
                case "--peers-dir" -> o.peersDir = Path.of(args[++i]);
                case "--jar" -> o.jar = Path.of(args[++i]);
                case "--dl4j-jar" -> o.dl4jJar = Path.of(args[++i]);
                case "--java" -> o.java = args[++i];
                case "--out" -> o.out = Path.of(args[++i]);
                case "--name" -> o.name = args[++i];
                case "--lock" -> o.lock = args[++i];
                case "--no-lock" -> o.lock = null;
                case "--command" -> o.command = args[++i];
                case "--build" -> o.build = args[++i];
                case "--timeout" -> o.timeoutSeconds = Long.parseLong(args[++i]);
                case "--quiet-wait" -> o.quietWaitSeconds = Long.parseLong(args[++i]);
                case "--quiet-busy" -> o.quietBusy = Double.parseDouble(args[++i]);
                case "--quiet-budget" -> o.quietBudgetSeconds = Long.parseLong(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("""
                            usage: compare.sh [--quick] [--rounds N] [--threads 1,2] [--cases tanh,softmax,mlp32,neuron,infer]
                                              [--peers vecnn,torch,numpy,dl4j] [--no-sweep] [--sweep-cases LIST] [--data DIR]
                                              [--out DIR] [--name NAME] [--rounds N] [--timeout SECONDS]
                                              [--python PATH] [--lock FILE | --no-lock] [--quiet-wait SECONDS] [--quiet-busy FRACTION]
                              --quick     one round, short epochs, no settings sweep; writes to peers/target/peers-quick
                              --no-sweep  skip the sweep: run each peer with threads = N everywhere, OpenBLAS as installed
                              --sweep-cases sweep only these cases (e.g. tanh,mlp32); softmax and infer then take tanh's best
                                          setting, neuron mlp32's (minibatch-sized against full-batch-sized products)
                              --quiet-wait before each run wait up to SECONDS (default 30, 0 with --quick) until other processes
                                          use less than --quiet-busy (default 0.25) of the CPUs, at most --quiet-budget
                                          seconds in all (default 900); the busy share is recorded with each run""");
                    System.exit(0);
                }
                default -> {
                    System.err.println("compare: unknown option " + a + " (see --help)");
                    System.exit(2);
                }
            }
        }
        for (String c : o.cases) {
            if (Cases.ALL.stream().noneMatch(d -> d.name().equals(c))) {
                System.err.println("compare: unknown case " + c);
                System.exit(2);
            }
        }
        if (o.quick) {
            o.rounds = 1;
            o.sweep = false;
            if (Arrays.stream(args).noneMatch("--quiet-wait"::equals)) o.quietWaitSeconds = 0;
        }
        if (o.sweepCases == null) o.sweepCases = o.cases;
        if (o.out == null) o.out = o.quick ? Path.of("peers/target/peers-quick") : Path.of("bench/results");
        if (o.name == null) o.name = "peers";
        return o;
    }
}
