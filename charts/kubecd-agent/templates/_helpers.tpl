{{/* The release's full name, at most 63 characters (a label value and a DNS-1123 name). */}}
{{- define "kubecd-agent.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "kubecd-agent.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "kubecd-agent.labels" -}}
{{ include "kubecd-agent.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "kubecd-agent.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "kubecd-agent.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* repository:tag, or repository@digest when a digest is given; the tag defaults to the appVersion. */}}
{{- define "kubecd-agent.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}
{{- end -}}

{{- define "kubecd-agent.secretName" -}}
{{- default (include "kubecd-agent.fullname" .) .Values.secret.existingSecret -}}
{{- end -}}

{{/* "true" for an SSH repository URL (ssh://... or user@host:path), empty for https://. */}}
{{- define "kubecd-agent.sshRepo" -}}
{{- if or (hasPrefix "ssh://" .Values.agent.repo) (regexMatch "^[A-Za-z0-9._-]+@[A-Za-z0-9.-]+:" .Values.agent.repo) -}}true{{- end -}}
{{- end -}}

{{/* "true" when an HTTPS repository is cloned with a token from the Secret. */}}
{{- define "kubecd-agent.gitToken" -}}
{{- if and (not (include "kubecd-agent.sshRepo" .)) (or .Values.secret.gitToken .Values.secret.useGitToken) -}}true{{- end -}}
{{- end -}}

{{/* "true" when the pod mounts the Secret: the webhook, an SSH repository or a git token needs a file from it. */}}
{{- define "kubecd-agent.needsSecret" -}}
{{- if or .Values.webhook.enabled (include "kubecd-agent.sshRepo" .) (include "kubecd-agent.gitToken" .) -}}true{{- end -}}
{{- end -}}

{{/* The namespaces the agent may deploy into, as a JSON list (default: the release's namespace). */}}
{{- define "kubecd-agent.namespaces" -}}
{{- if .Values.rbac.namespaces -}}
{{- .Values.rbac.namespaces | uniq | toJson -}}
{{- else -}}
{{- list .Release.Namespace | toJson -}}
{{- end -}}
{{- end -}}
