{{/*
The chart name, overridable with nameOverride.
*/}}
{{- define "tagrelay.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The release's full name, at most 63 characters (a DNS-1123 label). The component
suffixes below are short, so names built from it are cut again to 63.
*/}}
{{- define "tagrelay.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "tagrelay.ingest.fullname" -}}
{{- printf "%s-ingest" (include "tagrelay.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tagrelay.worker.fullname" -}}
{{- printf "%s-worker" (include "tagrelay.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "tagrelay.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every resource.
*/}}
{{- define "tagrelay.labels" -}}
helm.sh/chart: {{ include "tagrelay.chart" . }}
{{ include "tagrelay.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: tagrelay
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/*
Labels that select the release's pods; the component label tells the services apart.
*/}}
{{- define "tagrelay.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tagrelay.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "tagrelay.ingest.selectorLabels" -}}
{{ include "tagrelay.selectorLabels" . }}
app.kubernetes.io/component: ingest
{{- end }}

{{- define "tagrelay.worker.selectorLabels" -}}
{{ include "tagrelay.selectorLabels" . }}
app.kubernetes.io/component: worker
{{- end }}

{{- define "tagrelay.ingest.labels" -}}
{{ include "tagrelay.labels" . }}
app.kubernetes.io/component: ingest
{{- end }}

{{- define "tagrelay.worker.labels" -}}
{{ include "tagrelay.labels" . }}
app.kubernetes.io/component: worker
{{- end }}

{{/*
The ServiceAccount of each service.
*/}}
{{- define "tagrelay.serviceAccountName" -}}
{{- $sa := index .Values .component "serviceAccount" }}
{{- if $sa.create }}
{{- default (include (printf "tagrelay.%s.fullname" .component) .root) $sa.name }}
{{- else }}
{{- default "default" $sa.name }}
{{- end }}
{{- end }}

{{- define "tagrelay.ingest.serviceAccountName" -}}
{{- include "tagrelay.serviceAccountName" (dict "component" "ingest" "root" . "Values" .Values) }}
{{- end }}

{{- define "tagrelay.worker.serviceAccountName" -}}
{{- include "tagrelay.serviceAccountName" (dict "component" "worker" "root" . "Values" .Values) }}
{{- end }}

{{/*
The image of a service: repository, then the digest if set, else the tag (the chart's
appVersion by default).
*/}}
{{- define "tagrelay.image" -}}
{{- $image := .image }}
{{- if $image.digest }}
{{- printf "%s@%s" $image.repository $image.digest }}
{{- else }}
{{- printf "%s:%s" $image.repository (default .root.Chart.AppVersion $image.tag) }}
{{- end }}
{{- end }}

{{/*
The Secret holding TAGRELAY_INGEST_TOKENS and TAGRELAY_WEBHOOK_SECRET.
*/}}
{{- define "tagrelay.secretName" -}}
{{- default (include "tagrelay.fullname" .) .Values.secrets.existingSecret }}
{{- end }}

{{/*
The worker's own Secret: its targets with their webhook URLs, and UK_WEBHOOK.
*/}}
{{- define "tagrelay.worker.secretName" -}}
{{- include "tagrelay.worker.fullname" . }}
{{- end }}

{{- define "tagrelay.configMapName" -}}
{{- printf "%s-config" (include "tagrelay.fullname" .) | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The Deployments the worker manages, as YAML: namespace -> sorted list of names. Built from
targets (namespace "default" when unset, as the services do) and the updatekate target.
*/}}
{{- define "tagrelay.managedDeployments" -}}
{{- $byNamespace := dict }}
{{- range .Values.targets }}
{{- $ns := default "default" .namespace }}
{{- $_ := set $byNamespace $ns (append (get $byNamespace $ns | default list) .deployment) }}
{{- end }}
{{- with .Values.updatekate }}
{{- if and .repo .deployment }}
{{- $ns := default "default" .namespace }}
{{- $_ := set $byNamespace $ns (append (get $byNamespace $ns | default list) .deployment) }}
{{- end }}
{{- end }}
{{- range $ns, $names := $byNamespace }}
{{ $ns }}:
{{- range ($names | uniq | sortAlpha) }}
  - {{ . | quote }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Rules the values schema cannot express. Included by the ConfigMap, which every
installation renders, so a broken configuration fails before anything is applied.
*/}}
{{- /* The worker's RBAC rules in one namespace, for the managed Deployment names: get
and patch by name; list and watch by name too (a watch or informer of one Deployment sends
them with a metadata.name field selector, which the API server authorises against
resourceNames), or of the whole namespace with worker.watchScope=namespace (one watch of
the namespace instead of one per Deployment); and list of ReplicaSets. */}}
{{- define "tagrelay.worker.rules" -}}
{{- if eq .watchScope "namespace" }}
# get and patch by name only
- apiGroups: ["apps"]
  resources: ["deployments"]
  resourceNames:
    {{- toYaml .names | nindent 4 }}
  verbs: ["get", "patch"]
# worker.watchScope=namespace: one watch of every Deployment of the namespace (the worker
# ignores those no target manages); it reads nothing a list of the ReplicaSets below does not
# show already (their pod templates)
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch"]
{{- else }}
# by name only; list and watch are allowed with a metadata.name field selector
- apiGroups: ["apps"]
  resources: ["deployments"]
  resourceNames:
    {{- toYaml .names | nindent 4 }}
  verbs: ["get", "list", "watch", "patch"]
{{- end }}
# the rollout judge lists a Deployment's ReplicaSets by its selector to find the new one
# (rollout success "available"); their names are generated, so no resourceNames
- apiGroups: ["apps"]
  resources: ["replicasets"]
  verbs: ["list"]
{{- end }}

{{- define "tagrelay.validate" -}}
{{- if not (has .Values.worker.watchScope (list "deployment" "namespace")) }}
{{- fail (printf "worker.watchScope must be deployment or namespace, not %v" .Values.worker.watchScope) }}
{{- end }}
{{- $targets := .Values.targets }}
{{- range $i, $t := $targets }}
{{- if not $t.repository }}
{{- fail (printf "targets[%d] needs a repository (e.g. quay.io/acme/web)" $i) }}
{{- end }}
{{- if not $t.deployment }}
{{- fail (printf "targets[%d] needs a deployment" $i) }}
{{- end }}
{{- range $j, $u := $targets }}
{{- if and (lt $i $j) (eq (default "default" $t.namespace) (default "default" $u.namespace)) (eq $t.deployment $u.deployment) }}
{{- if or (not $t.container) (not $u.container) (eq $t.container $u.container) }}
{{- fail (printf "targets[%d] manages the same container as targets[%d] (%s/%s)" $j $i (default "default" $t.namespace) $t.deployment) }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- with .Values.updatekate }}
{{- if or (and .repo (not .deployment)) (and .deployment (not .repo)) }}
{{- fail "updatekate.repo and updatekate.deployment must be set together" }}
{{- end }}
{{- end }}
{{- $auth := .Values.ingest.auth }}
{{- if and (not $auth.disabled) (not $auth.tokens) (not .Values.secrets.existingSecret) (not $auth.generateToken) }}
{{- fail "no ingest token: set ingest.auth.tokens, secrets.existingSecret or ingest.auth.generateToken=true (or ingest.auth.disabled=true if a proxy in front authenticates)" }}
{{- end }}
{{- range $auth.tokens }}
{{- if or (contains "," .) (ne . (trim .)) }}
{{- fail "ingest.auth.tokens: a token must not contain commas or surrounding spaces" }}
{{- end }}
{{- end }}
{{- $sasl := hasPrefix "SASL_" .Values.kafka.securityProtocol }}
{{- if and $sasl (not .Values.kafka.sasl.mechanism) }}
{{- fail (printf "kafka.securityProtocol %s needs kafka.sasl.mechanism" .Values.kafka.securityProtocol) }}
{{- end }}
{{- if and $sasl (not .Values.kafka.sasl.jaasConfig.secretName) }}
{{- fail (printf "kafka.securityProtocol %s needs kafka.sasl.jaasConfig.secretName" .Values.kafka.securityProtocol) }}
{{- end }}
{{- end }}

{{/*
Environment shared by both services: Kafka connection (SPRING_KAFKA_*), configuration
location, JVM flags and the updatekate variables.
*/}}
{{- define "tagrelay.commonEnv" -}}
{{- $root := .root }}
{{- $kafka := $root.Values.kafka }}
- name: SPRING_CONFIG_ADDITIONAL_LOCATION
  value: "file:/etc/tagrelay/config/application.yaml,file:/etc/tagrelay/config/{{ .component }}.yaml{{ if eq .component "worker" }},file:/etc/tagrelay/secret/targets.yaml{{ end }}"
{{- with .javaToolOptions }}
- name: JAVA_TOOL_OPTIONS
  value: {{ . | quote }}
{{- end }}
- name: SPRING_KAFKA_BOOTSTRAP_SERVERS
  value: {{ $kafka.bootstrapServers | quote }}
- name: SPRING_KAFKA_SECURITY_PROTOCOL
  value: {{ $kafka.securityProtocol | quote }}
- name: TAGRELAY_KAFKA_CREATETOPICS
  value: {{ $kafka.createTopics | quote }}
{{- if $kafka.sasl.mechanism }}
- name: SPRING_KAFKA_PROPERTIES_SASL_MECHANISM
  value: {{ $kafka.sasl.mechanism | quote }}
{{- end }}
{{- if $kafka.sasl.jaasConfig.secretName }}
- name: SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $kafka.sasl.jaasConfig.secretName }}
      key: {{ $kafka.sasl.jaasConfig.key }}
{{- end }}
{{- with $kafka.tls.truststore }}
{{- if .secretName }}
- name: SPRING_KAFKA_SSL_TRUSTSTORELOCATION
  value: "file:/etc/tagrelay/kafka-truststore/{{ .key }}"
- name: SPRING_KAFKA_SSL_TRUSTSTORETYPE
  value: {{ .type | quote }}
{{- if .password.secretName }}
- name: SPRING_KAFKA_SSL_TRUSTSTOREPASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ .password.secretName }}
      key: {{ .password.key }}
{{- end }}
{{- end }}
{{- end }}
{{- with $root.Values.updatekate }}
{{- if .repo }}
- name: UK_REPO
  value: {{ .repo | quote }}
- name: UK_DEPLOYMENT
  value: {{ .deployment | quote }}
- name: UK_NAMESPACE
  value: {{ default "default" .namespace | quote }}
{{- if and .webhook (eq $.component "worker") }}
- name: UK_WEBHOOK
  valueFrom:
    secretKeyRef:
      name: {{ include "tagrelay.worker.secretName" $root }}
      key: UK_WEBHOOK
{{- end }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Volumes shared by both services: the configuration, /tmp, and the Kafka truststore.
*/}}
{{- define "tagrelay.volumes" -}}
- name: config
  configMap:
    name: {{ include "tagrelay.configMapName" . }}
- name: tmp
  emptyDir:
    sizeLimit: {{ .Values.tmpVolume.sizeLimit }}
{{- with .Values.kafka.tls.truststore }}
{{- if .secretName }}
- name: kafka-truststore
  secret:
    secretName: {{ .secretName }}
    items:
      - key: {{ .key }}
        path: {{ .key }}
{{- end }}
{{- end }}
{{- end }}

{{/*
A service's JVM options file: the chart's copy of the image's (jvm/<module>.options), then the
values' extra options, one per line.
*/}}
{{- define "tagrelay.jvmOptions" -}}
{{- $file := .root.Files.Get (printf "jvm/%s.options" .module) }}
{{- if not $file }}
{{- fail (printf "the chart has no jvm/%s.options" .module) }}
{{- end }}
{{- $file | trimSuffix "\n" }}
{{- with .extra }}
# {ingest,worker}.jvmOptions
{{- range . }}
{{ . }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Mounts of both services: the ConfigMap's configuration files, the service's JVM options over
the image's copy (/opt/tagrelay/jvm.options, which the image's java reads), /tmp.
*/}}
{{- define "tagrelay.volumeMounts" -}}
- name: config
  mountPath: /etc/tagrelay/config
  readOnly: true
- name: config
  mountPath: /opt/tagrelay/jvm.options
  subPath: {{ .module }}.options
  readOnly: true
- name: tmp
  mountPath: /tmp
{{- if .root.Values.kafka.tls.truststore.secretName }}
- name: kafka-truststore
  mountPath: /etc/tagrelay/kafka-truststore
  readOnly: true
{{- end }}
{{- end }}

{{/*
Prefers spreading a service's pods over nodes.
*/}}
{{- define "tagrelay.antiAffinity" -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- .selectorLabels | nindent 12 }}
{{- end }}

{{/*
The targets as the services bind them (tagrelay.targets), as a YAML list. With webhooks
false, without their webhook URLs, which may carry credentials: the ConfigMap gets that
form, and only the worker's Secret the whole one.
*/}}
{{- define "tagrelay.targets" -}}
{{- $targets := list }}
{{- range .root.Values.targets }}
{{- $t := dict "repository" .repository "namespace" (default "default" .namespace) "deployment" .deployment }}
{{- with .container }}{{ $_ := set $t "container" . }}{{ end }}
{{- with .tagPolicy }}
{{- $p := dict }}
{{- with .range }}{{ $_ := set $p "range" . }}{{ end }}
{{- if hasKey . "includePrereleases" }}{{ $_ := set $p "include-prereleases" .includePrereleases }}{{ end }}
{{- if $p }}{{ $_ := set $t "tag-policy" $p }}{{ end }}
{{- end }}
{{- with .rollout }}
{{- $r := dict }}
{{- with .success }}{{ $_ := set $r "success" . }}{{ end }}
{{- with .maxAttempts }}{{ $_ := set $r "max-attempts" . }}{{ end }}
{{- with .initialInterval }}{{ $_ := set $r "initial-interval" . }}{{ end }}
{{- with .multiplier }}{{ $_ := set $r "multiplier" . }}{{ end }}
{{- with .maxInterval }}{{ $_ := set $r "max-interval" . }}{{ end }}
{{- if hasKey . "rollbackOnFailure" }}{{ $_ := set $r "rollback-on-failure" .rollbackOnFailure }}{{ end }}
{{- if $r }}{{ $_ := set $t "rollout" $r }}{{ end }}
{{- end }}
{{- with .registry }}{{ with .verify }}{{ $_ := set $t "registry" (dict "verify" .) }}{{ end }}{{ end }}
{{- if hasKey . "pinDigest" }}{{ $_ := set $t "pin-digest" .pinDigest }}{{ end }}
{{- if hasKey . "trackDigest" }}{{ $_ := set $t "track-digest" .trackDigest }}{{ end }}
{{- with .scanInterval }}{{ $_ := set $t "scan-interval" . }}{{ end }}
{{- if $.webhooks }}{{ with .webhook }}{{ with .url }}{{ $_ := set $t "webhook" (dict "url" .) }}{{ end }}{{ end }}{{ end }}
{{- $targets = append $targets $t }}
{{- end }}
{{- toYaml $targets }}
{{- end }}

{{/*
Whether the worker's Secret holds settings: a target's webhook URL (then the worker reads its
targets from there), or the registries it signs in to.
*/}}
{{- define "tagrelay.hasWebhookUrls" -}}
{{- if or .Values.worker.registries .Values.worker.registriesDockerConfigSecret }}true{{ end }}
{{- range .Values.targets }}{{ with .webhook }}{{ if .url }}true{{ end }}{{ end }}{{ end }}
{{- end }}

{{/*
A checksum of what a Secret the pods read holds, as a pod annotation, so that a changed
token or secret rolls the pods (a revoked token must stop working): the chart's own Secret
as rendered, an existing Secret as the cluster holds it at an upgrade (an install starts new
pods anyway, and helm template has no cluster to ask).
*/}}
{{- define "tagrelay.secretChecksum" -}}
{{- if and .Values.secrets.existingSecret .Release.IsUpgrade }}
{{- (lookup "v1" "Secret" .Release.Namespace .Values.secrets.existingSecret).data | default dict | toJson | sha256sum }}
{{- else }}
{{- include (print .Template.BasePath "/secret.yaml") . | sha256sum }}
{{- end }}
{{- end }}

{{/*
The registries' webhook settings (ingest.sources) split by where they go: the non-secret
ones for the ConfigMap (as tagrelay.ingest.sources.<source>.*), the secret ones as
environment variable names of the chart's Secret, each with its value.
*/}}
{{- define "tagrelay.sources.config" -}}
{{- $config := dict }}
{{- range $source, $settings := .Values.ingest.sources }}
{{- $c := dict }}
{{- range $key, $value := $settings }}
{{- if not (has $key (list "tokens" "secret")) }}
{{- $_ := set $c (kebabcase $key) $value }}
{{- end }}
{{- end }}
{{- if $c }}{{ $_ := set $config (kebabcase $source) $c }}{{ end }}
{{- end }}
{{- toYaml $config }}
{{- end }}

{{- define "tagrelay.sources.secrets" -}}
{{- $secrets := dict }}
{{- range $source, $settings := .Values.ingest.sources }}
{{- $prefix := printf "TAGRELAY_INGEST_SOURCES_%s" (upper (replace "-" "" (kebabcase $source) | replace "_" "")) }}
{{- with $settings.tokens }}{{ $_ := set $secrets (printf "%s_TOKENS" $prefix) (join "," .) }}{{ end }}
{{- with $settings.secret }}{{ $_ := set $secrets (printf "%s_SECRET" $prefix) . }}{{ end }}
{{- end }}
{{- toYaml $secrets }}
{{- end }}

{{/*
The registries the worker signs in to (tagrelay.registries[n], with their passwords and
tokens) and the mounted Docker config JSON: only in the worker's Secret.
*/}}
{{- define "tagrelay.worker.registries" -}}
{{- $registries := list }}
{{- range .Values.worker.registries }}
{{- $r := dict "host" .host }}
{{- if hasKey . "insecure" }}{{ $_ := set $r "insecure" .insecure }}{{ end }}
{{- with .username }}{{ $_ := set $r "username" . }}{{ end }}
{{- with .password }}{{ $_ := set $r "password" . }}{{ end }}
{{- with .token }}{{ $_ := set $r "token" . }}{{ end }}
{{- $registries = append $registries $r }}
{{- end }}
{{- $settings := dict }}
{{- if $registries }}{{ $_ := set $settings "registries" $registries }}{{ end }}
{{- if .Values.worker.registriesDockerConfigSecret }}{{ $_ := set $settings "registries-docker-config" "/etc/tagrelay/registries/.dockerconfigjson" }}{{ end }}
{{- toYaml $settings }}
{{- end }}
