{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "netpulse.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Release-qualified name; component names append "-controller" etc., so keep room (52). */}}
{{- define "netpulse.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 52 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 52 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "netpulse.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "netpulse.labels" -}}
helm.sh/chart: {{ include "netpulse.chart" . }}
app.kubernetes.io/name: {{ include "netpulse.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: netpulse
{{- end -}}

{{/* Selector labels of one component: (dict "ctx" $ "component" "controller"). */}}
{{- define "netpulse.selectorLabels" -}}
app.kubernetes.io/name: {{ include "netpulse.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "netpulse.componentLabels" -}}
{{ include "netpulse.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "netpulse.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "netpulse.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* Image of an app: (dict "ctx" $ "app" .Values.controller). */}}
{{- define "netpulse.image" -}}
{{- $tag := .app.image.tag | default .ctx.Values.image.tag | default .ctx.Chart.AppVersion -}}
{{- printf "%s:%s" .app.image.repository $tag -}}
{{- end -}}

{{/* The chart's own Secret (API key, Redis passwords). */}}
{{- define "netpulse.secretName" -}}
{{- printf "%s-secret" (include "netpulse.fullname" .) -}}
{{- end -}}

{{- define "netpulse.apiKeySecretName" -}}
{{- .Values.apiKey.existingSecret | default (include "netpulse.secretName" .) -}}
{{- end -}}

{{- define "netpulse.apiKeySecretKey" -}}
{{- if .Values.apiKey.existingSecret -}}{{ .Values.apiKey.existingSecretKey }}{{- else -}}api-key{{- end -}}
{{- end -}}

{{- define "netpulse.secretKeySecretName" -}}
{{- .Values.secretKey.existingSecret | default (include "netpulse.secretName" .) -}}
{{- end -}}

{{- define "netpulse.secretKeySecretKey" -}}
{{- if .Values.secretKey.existingSecret -}}{{ .Values.secretKey.existingSecretKey }}{{- else -}}secret-key{{- end -}}
{{- end -}}

{{- define "netpulse.redisName" -}}
{{- printf "%s-redis" (include "netpulse.fullname" .) -}}
{{- end -}}

{{/*
Where the apps reach Redis, as a dict: host, port, db, tls, password (from a URL), username.
Precedence: bundled Redis > redis.url > redis.host/port/db.
*/}}
{{- define "netpulse.redisEndpoint" -}}
{{- $r := .Values.redis -}}
{{- $out := dict "host" $r.host "port" ($r.port | int) "db" ($r.db | int) "tls" $r.tls.enabled "password" $r.password "username" $r.username -}}
{{- if $r.bundled.enabled -}}
{{- $_ := set $out "host" (include "netpulse.redisName" .) -}}
{{- $_ := set $out "port" 6379 -}}
{{- $_ := set $out "tls" false -}}
{{- else if $r.url -}}
{{- $u := urlParse $r.url -}}
{{- if not (has $u.scheme (list "redis" "rediss")) -}}
{{- fail (printf "redis.url must start with redis:// or rediss:// (got %q)" $r.url) -}}
{{- end -}}
{{- $hostport := $u.host -}}
{{- $host := $hostport -}}
{{- $port := 6379 -}}
{{- if regexMatch "^\\[.+\\]" $hostport -}}
{{- $host = regexReplaceAll "^\\[(.+)\\](?::[0-9]+)?$" $hostport "${1}" -}}
{{- if regexMatch "\\]:[0-9]+$" $hostport -}}{{- $port = regexReplaceAll "^.*\\]:([0-9]+)$" $hostport "${1}" | int -}}{{- end -}}
{{- else if regexMatch ":[0-9]+$" $hostport -}}
{{- $host = regexReplaceAll ":[0-9]+$" $hostport "" -}}
{{- $port = regexReplaceAll "^.*:([0-9]+)$" $hostport "${1}" | int -}}
{{- end -}}
{{- if not $host -}}{{- fail (printf "redis.url has no host (got %q)" $r.url) -}}{{- end -}}
{{- $_ := set $out "host" $host -}}
{{- $_ := set $out "port" $port -}}
{{- $path := trimPrefix "/" $u.path -}}
{{- if $path -}}{{- $_ := set $out "db" ($path | int) -}}{{- end -}}
{{- $_ := set $out "tls" (or $r.tls.enabled (eq $u.scheme "rediss")) -}}
{{- if $u.userinfo -}}
{{- /* user:password, :password, or user alone */ -}}
{{- $user := regexReplaceAll ":.*$" $u.userinfo "" -}}
{{- if $user -}}{{- $_ := set $out "username" $user -}}{{- end -}}
{{- if contains ":" $u.userinfo -}}{{- $_ := set $out "password" (regexReplaceAll "^[^:]*:" $u.userinfo "") -}}{{- end -}}
{{- end -}}
{{- end -}}
{{- toJson $out -}}
{{- end -}}

{{/* True when the apps need a Redis password from a Secret. */}}
{{- define "netpulse.redisPasswordSecretName" -}}
{{- if .Values.redis.existingSecret -}}{{ .Values.redis.existingSecret }}{{- else -}}{{ include "netpulse.secretName" . }}{{- end -}}
{{- end -}}

{{- define "netpulse.redisPasswordSecretKey" -}}
{{- if .Values.redis.existingSecret -}}{{ .Values.redis.existingSecretPasswordKey }}{{- else -}}redis-password{{- end -}}
{{- end -}}

{{- define "netpulse.hasRedisPassword" -}}
{{- $ep := include "netpulse.redisEndpoint" . | fromJson -}}
{{- if or .Values.redis.existingSecret $ep.password -}}true{{- end -}}
{{- end -}}

{{- define "netpulse.hasSentinelPassword" -}}
{{- $s := .Values.redis.sentinel -}}
{{- if and $s.enabled (or $s.password (and .Values.redis.existingSecret $s.existingSecretPasswordKey)) -}}true{{- end -}}
{{- end -}}

{{/* Environment shared by the three apps: config file, API key, secret key, Redis. */}}
{{- define "netpulse.commonEnv" -}}
{{- $ep := include "netpulse.redisEndpoint" . | fromJson -}}
{{- $r := .Values.redis -}}
- name: NETPULSE_CONFIG_FILE
  value: /etc/netpulse/config.yaml
- name: NETPULSE_SERVER__API_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "netpulse.apiKeySecretName" . }}
      key: {{ include "netpulse.apiKeySecretKey" . }}
# Production: no start without security.secret_key, read from the mounted Secret (never from Redis).
- name: NETPULSE_ENV
  value: production
- name: NETPULSE_SECURITY__SECRET_KEY_FILE
  value: /etc/netpulse-secret-key/key
- name: NETPULSE_REDIS__NAMESPACE
  value: {{ $r.namespace | quote }}
- name: NETPULSE_REDIS__DB
  value: {{ $ep.db | int | quote }}
{{- if $r.cluster.enabled }}
{{- if $r.bundled.enabled }}{{ fail "redis.cluster.enabled and redis.bundled.enabled exclude each other (the bundled Redis is one instance)" }}{{ end }}
{{- if $r.sentinel.enabled }}{{ fail "redis.cluster.enabled and redis.sentinel.enabled exclude each other (a cluster fails over by itself)" }}{{ end }}
{{- if ne ($ep.db | int) 0 }}{{ fail "redis.db must be 0 when redis.cluster.enabled (a cluster has one database)" }}{{ end }}
{{- if not $r.cluster.nodes }}{{ fail "redis.cluster.nodes is required when redis.cluster.enabled (host:port of some cluster nodes)" }}{{ end }}
- name: NETPULSE_REDIS__CLUSTER__ENABLED
  value: "true"
- name: NETPULSE_REDIS__CLUSTER__NODES
  value: {{ join "," $r.cluster.nodes | quote }}
{{- else if and $r.sentinel.enabled (not $r.bundled.enabled) }}
- name: NETPULSE_REDIS__SENTINEL__ENABLED
  value: "true"
- name: NETPULSE_REDIS__SENTINEL__HOST
  value: {{ required "redis.sentinel.host is required when redis.sentinel.enabled" $r.sentinel.host | quote }}
- name: NETPULSE_REDIS__SENTINEL__PORT
  value: {{ $r.sentinel.port | int | quote }}
- name: NETPULSE_REDIS__SENTINEL__MASTER_NAME
  value: {{ $r.sentinel.masterName | quote }}
{{- if include "netpulse.hasSentinelPassword" . }}
- name: NETPULSE_REDIS__SENTINEL__PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "netpulse.redisPasswordSecretName" . }}
      key: {{ if .Values.redis.existingSecret }}{{ $r.sentinel.existingSecretPasswordKey }}{{ else }}redis-sentinel-password{{ end }}
{{- end }}
{{- else }}
- name: NETPULSE_REDIS__HOST
  value: {{ required "redis.host (or redis.url, or redis.bundled.enabled) is required" $ep.host | quote }}
- name: NETPULSE_REDIS__PORT
  value: {{ $ep.port | int | quote }}
{{- end }}
{{- if gt ($r.waitReplicas | int) 0 }}
- name: NETPULSE_REDIS__WAIT_REPLICAS
  value: {{ $r.waitReplicas | int | quote }}
- name: NETPULSE_REDIS__WAIT_TIMEOUT
  value: {{ $r.waitTimeout | quote }}
{{- end }}
{{- if $ep.username }}
- name: NETPULSE_REDIS__USERNAME
  value: {{ $ep.username | quote }}
{{- end }}
{{- if include "netpulse.hasRedisPassword" . }}
- name: NETPULSE_REDIS__PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "netpulse.redisPasswordSecretName" . }}
      key: {{ include "netpulse.redisPasswordSecretKey" . }}
{{- end }}
{{- if $ep.tls }}
- name: NETPULSE_REDIS__TLS__ENABLED
  value: "true"
{{- if $r.tls.existingSecret }}
- name: NETPULSE_REDIS__TLS__CA
  value: /etc/netpulse-redis-tls/ca.crt
{{- if $r.tls.clientCertificate }}
- name: NETPULSE_REDIS__TLS__CERT
  value: /etc/netpulse-redis-tls/tls.crt
- name: NETPULSE_REDIS__TLS__KEY
  value: /etc/netpulse-redis-tls/tls.key
{{- end }}
{{- end }}
{{- end }}
{{- $c := .Values.credentials }}
{{- if $c.fileSecrets }}
- name: NETPULSE_CREDENTIAL__FILE_ROOT
  value: /etc/netpulse-credentials
{{- end }}
{{- if $c.vaultTokenSecret.name }}
- name: NETPULSE_CREDENTIAL__TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $c.vaultTokenSecret.name }}
      key: {{ $c.vaultTokenSecret.key }}
{{- end }}
{{- if $c.vaultSecretIdSecret.name }}
- name: NETPULSE_CREDENTIAL__SECRET_ID
  valueFrom:
    secretKeyRef:
      name: {{ $c.vaultSecretIdSecret.name }}
      key: {{ $c.vaultSecretIdSecret.key }}
{{- end }}
{{- end -}}

{{/* Volumes every app pod mounts: config, writable /tmp and staging, Redis TLS material. */}}
{{- define "netpulse.volumes" -}}
- name: config
  configMap:
    name: {{ include "netpulse.fullname" . }}-config
- name: tmp
  emptyDir: {}
- name: state
  emptyDir: {}
- name: secret-key
  secret:
    secretName: {{ include "netpulse.secretKeySecretName" . }}
    defaultMode: 0440
    items:
      - key: {{ include "netpulse.secretKeySecretKey" . }}
        path: key
{{- if and .Values.redis.tls.enabled .Values.redis.tls.existingSecret }}
- name: redis-tls
  secret:
    secretName: {{ .Values.redis.tls.existingSecret }}
{{- end }}
{{- range $i, $f := .Values.credentials.fileSecrets }}
- name: credential-{{ $i }}
  secret:
    secretName: {{ $f.secretName }}
{{- end }}
{{- end -}}

{{- define "netpulse.volumeMounts" -}}
- name: config
  mountPath: /etc/netpulse
  readOnly: true
- name: tmp
  mountPath: /tmp
- name: state
  mountPath: /app/.netpulse
- name: secret-key
  mountPath: /etc/netpulse-secret-key
  readOnly: true
{{- if and .Values.redis.tls.enabled .Values.redis.tls.existingSecret }}
- name: redis-tls
  mountPath: /etc/netpulse-redis-tls
  readOnly: true
{{- end }}
{{- range $i, $f := .Values.credentials.fileSecrets }}
- name: credential-{{ $i }}
  mountPath: /etc/netpulse-credentials/{{ $f.ref }}
  readOnly: true
{{- end }}
{{- end -}}

{{/* Probes on a named port: (dict "ctx" $ "port" "http"). */}}
{{- define "netpulse.probes" -}}
{{- $p := .ctx.Values.probes -}}
startupProbe:
  httpGet: { path: /livez, port: {{ .port }} }
  periodSeconds: {{ $p.startup.periodSeconds }}
  failureThreshold: {{ $p.startup.failureThreshold }}
  timeoutSeconds: {{ $p.startup.timeoutSeconds }}
livenessProbe:
  httpGet: { path: /livez, port: {{ .port }} }
  periodSeconds: {{ $p.liveness.periodSeconds }}
  failureThreshold: {{ $p.liveness.failureThreshold }}
  timeoutSeconds: {{ $p.liveness.timeoutSeconds }}
readinessProbe:
  httpGet: { path: /readyz, port: {{ .port }} }
  periodSeconds: {{ $p.readiness.periodSeconds }}
  failureThreshold: {{ $p.readiness.failureThreshold }}
  timeoutSeconds: {{ $p.readiness.timeoutSeconds }}
{{- end -}}

{{/* Pod-level settings shared by the app pods: (dict "ctx" $ "app" .Values.controller). */}}
{{- define "netpulse.podSpecCommon" -}}
serviceAccountName: {{ include "netpulse.serviceAccountName" .ctx }}
automountServiceAccountToken: false
enableServiceLinks: false
{{- with .ctx.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
securityContext:
  {{- toYaml .ctx.Values.podSecurityContext | nindent 2 }}
terminationGracePeriodSeconds: {{ .app.terminationGracePeriodSeconds }}
{{- with .app.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .app.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .app.topologySpreadConstraints }}
topologySpreadConstraints:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end -}}

{{/* Pod annotations: roll pods when config.yaml or the chart's Secret changes. */}}
{{- define "netpulse.podAnnotations" -}}
checksum/config: {{ include (print .ctx.Template.BasePath "/configmap.yaml") .ctx | sha256sum }}
checksum/secret: {{ include (print .ctx.Template.BasePath "/secret.yaml") .ctx | sha256sum }}
{{- with .app.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end -}}
