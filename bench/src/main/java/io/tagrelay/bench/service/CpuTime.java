package io.tagrelay.bench.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from {@code /proc}: of one process ({@code utime + stime} of
 * {@code /proc/<pid>/stat}) and of the whole machine (every non-idle field of
 * {@code /proc/stat}), in milliseconds, to tell where a load's CPU went.
 */
public final class CpuTime {

	private static final double TICK_MILLIS = 10;

	private CpuTime() {
	}

	/**
	 * CPU time a process has used.
	 * @param pid the process
	 * @return milliseconds, 0 if unknown
	 */
	public static double processMillis(long pid) {
		try {
			String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
			String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
			return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * TICK_MILLIS;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * CPU time the machine has used, all cores, idle and I/O wait excluded.
	 * @return milliseconds
	 */
	public static double machineMillis() {
		try {
			String[] fields = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
			long busy = 0;
			for (int i = 1; i < fields.length; i++) {
				if (i != 4 && i != 5) {
					busy += Long.parseLong(fields[i]);
				}
			}
			return busy * TICK_MILLIS;
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

}
