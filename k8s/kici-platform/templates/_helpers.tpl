{{/* Chart name, shortened to the 63 characters Kubernetes allows in names and label values. */}}
{{- define "kici-platform.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every resource name: "<release>-<chart>", or the release name when it already holds the chart name. */}}
{{- define "kici-platform.fullname" -}}
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

{{/* Labels of every resource. */}}
{{- define "kici-platform.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | trunc 63 | trimSuffix "-" }}
{{ include "kici-platform.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* Labels that select the release's pods; the component tells server pods from the migration Job's. */}}
{{- define "kici-platform.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kici-platform.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* Selector of the Platform server pods (Service, PodDisruptionBudget, NetworkPolicy, ServiceMonitor). */}}
{{- define "kici-platform.serverSelectorLabels" -}}
{{ include "kici-platform.selectorLabels" . }}
app.kubernetes.io/component: server
{{- end }}

{{- define "kici-platform.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "kici-platform.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "kici-platform.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/* Name of the Secret the pods read: the operator's, or the one this chart creates. */}}
{{- define "kici-platform.secretName" -}}
{{- default (include "kici-platform.fullname" .) .Values.secret.existingSecret }}
{{- end }}

{{/* config.basePath as the Platform normalises KICI_BASE_PATH: "/kici/" and "kici" become "/kici", "/" becomes "". */}}
{{- define "kici-platform.basePath" -}}
{{- $path := trimSuffix "/" (trimPrefix "/" .Values.config.basePath) }}
{{- if $path }}/{{ $path }}{{ end }}
{{- end }}

{{/*
SIGTERM comes only after the preStop sleep, and the Platform then drains for at most
config.shutdownTimeoutMs (rounded up to whole seconds): the grace period covers both plus a margin,
so the kubelet never kills a pod that is still closing WebSockets.
*/}}
{{- define "kici-platform.terminationGracePeriodSeconds" -}}
{{- add .Values.preStopSleepSeconds (div (add .Values.config.shutdownTimeoutMs 999) 1000) .Values.terminationGraceMarginSeconds }}
{{- end }}

{{/* Data of the Secret the chart creates (also used by the migration hook's own copy). */}}
{{- define "kici-platform.secretData" -}}
KICI_DATABASE_URL: {{ required "secret.databaseUrl is required (or name a Secret in secret.existingSecret)" .Values.secret.databaseUrl | b64enc | quote }}
KICI_SECRET_KEY: {{ required "secret.secretKey is required: openssl rand -base64 32 (or set secret.existingSecret)" .Values.secret.secretKey | b64enc | quote }}
KICI_OIDC_ISSUER: {{ required "secret.oidcIssuer is required (or set secret.existingSecret)" .Values.secret.oidcIssuer | b64enc | quote }}
{{- with .Values.secret.oidcAudiences }}
KICI_OIDC_AUDIENCES: {{ . | b64enc | quote }}
{{- end }}
{{- end }}

{{/* Pod volumes: the only writable paths under a read-only root filesystem. */}}
{{- define "kici-platform.writableVolumes" -}}
- name: tmp
  emptyDir: {}
- name: data
  emptyDir: {}
{{- end }}

{{- define "kici-platform.writableVolumeMounts" -}}
- name: tmp
  mountPath: /tmp
- name: data
  mountPath: /var/lib/kici
{{- end }}
