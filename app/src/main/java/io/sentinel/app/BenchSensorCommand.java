package io.sentinel.app;

import io.sentinel.app.sensor.SensorBench;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sentinel bench sensor}: the sensor's footprint while replaying at a fixed rate
 * (resident memory from /proc/self/status, process CPU time), then its full-speed throughput
 * through decode + detect + aggregate.
 */
@Command(
        name = "sensor",
        mixinStandardHelpOptions = true,
        description = {
            "Measure the sensor: replay at --rate frames/s for --seconds (RSS, CPU %% of one core),",
            "then frames/s at full speed through decode + detect + aggregate on one thread.",
            "Without --pcap a synthetic capture (beacons, probes, data, a deauth burst) is generated.",
            "The paced phase runs in a child JVM with the options of the systemd unit (--sensor-jvm-options)."
        })
public final class BenchSensorCommand implements Callable<Integer> {

    @Option(names = "--pcap", paramLabel = "FILE", description = "capture to replay (default: synthetic)")
    Path pcap;

    @Option(names = "--rate", defaultValue = "5000", description = "frames per second of the paced phase (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "length of the paced phase (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--full-speed-seconds", defaultValue = "10", description = "length of the full-speed phase (default ${DEFAULT-VALUE})")
    int fullSpeedSeconds;

    @Option(names = "--skip-paced", description = "only the full-speed phase")
    boolean skipPaced;

    @Option(names = "--sensor-jvm-options", paramLabel = "OPTS", description = "JVM options of the paced sensor process (default: those of the systemd unit)")
    String sensorJvmOptions = SensorBench.SERVICE_JVM_OPTIONS;

    @Override
    public Integer call() throws Exception {
        return new SensorBench(pcap, rate, seconds, fullSpeedSeconds, skipPaced, sensorJvmOptions, System.out).run();
    }
}
