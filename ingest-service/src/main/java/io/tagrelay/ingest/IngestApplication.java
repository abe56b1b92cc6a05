package io.tagrelay.ingest;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The public half of tagrelay: authenticates registry webhooks and image requests and
 * durably enqueues them on Kafka. It holds no cluster credentials.
 */
@SpringBootApplication
public class IngestApplication {

	public static void main(String[] args) {
		SpringApplication.run(IngestApplication.class, args);
	}

}
