package io.tagrelay.worker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The in-cluster half of tagrelay: consumes events, patches Deployments, waits for their
 * rollout and reports the outcome.
 */
@SpringBootApplication
public class WorkerApplication {

	public static void main(String[] args) {
		SpringApplication.run(WorkerApplication.class, args);
	}

}
