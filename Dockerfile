# syntax=docker/dockerfile:1
#
# The kubecd agent image: `kubecd agent` (dist/cli/index.js) with the helm and kubectl it drives, git and
# ssh for cloning the deployments repository, running as a non-root user.
#
# Build (the release workflow .github/workflows/release-agent.yml does this for linux/amd64 and linux/arm64):
#   npm ci && npm run build
#   docker buildx build --platform linux/amd64,linux/arm64 -t ghcr.io/OWNER/kubecd-agent:VERSION .
#
# NODE_IMAGE is a tag here; the release workflow resolves it to a digest and passes `node:TAG@sha256:...`,
# so a release is built from exactly the base it records. Pin it here too (`@sha256:...`) if you build
# by hand and want the same.
ARG NODE_IMAGE=node:24.21.0-trixie-slim

# helm and kubectl are pinned by version and by the SHA-256 of the published download for each
# architecture (helm: the .tar.gz of get.helm.sh, as listed in the Helm release notes; kubectl: the binary
# of dl.k8s.io, as in its .sha256 file). Bump version and checksums together.
ARG HELM_VERSION=v4.1.4
ARG HELM_SHA256_AMD64=70b2c30a19da4db264dfd68c8a3664e05093a361cefd89572ffb36f8abfa3d09
ARG HELM_SHA256_ARM64=13d03672be289045d2ff00e4e345d61de1c6f21c1257a45955a30e8ae036d8f1
ARG KUBECTL_VERSION=v1.35.2
ARG KUBECTL_SHA256_AMD64=924eb50779153f20cb668117d141440b95df2f325a64452d78dff9469145e277
ARG KUBECTL_SHA256_ARM64=cd859449f54ad2cb05b491c490c13bb836cdd0886ae013c0aed3dd67ff747467

# Downloads run on the build machine's own architecture and fetch the target architecture's binaries.
FROM --platform=$BUILDPLATFORM ${NODE_IMAGE} AS tools
ARG TARGETARCH
ARG HELM_VERSION
ARG HELM_SHA256_AMD64
ARG HELM_SHA256_ARM64
ARG KUBECTL_VERSION
ARG KUBECTL_SHA256_AMD64
ARG KUBECTL_SHA256_ARM64
SHELL ["/bin/bash", "-euo", "pipefail", "-c"]
RUN apt-get update \
 && apt-get install --yes --no-install-recommends ca-certificates curl \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /tools
RUN case "${TARGETARCH}" in \
      amd64) helm_sha="${HELM_SHA256_AMD64}"; kubectl_sha="${KUBECTL_SHA256_AMD64}" ;; \
      arm64) helm_sha="${HELM_SHA256_ARM64}"; kubectl_sha="${KUBECTL_SHA256_ARM64}" ;; \
      *) echo "unsupported architecture ${TARGETARCH}; add its checksums" >&2; exit 1 ;; \
    esac \
 && curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 --retry 3 \
      --output helm.tar.gz "https://get.helm.sh/helm-${HELM_VERSION}-linux-${TARGETARCH}.tar.gz" \
 && echo "${helm_sha}  helm.tar.gz" | sha256sum --check --strict - \
 && tar --extract --gzip --file helm.tar.gz --strip-components=1 "linux-${TARGETARCH}/helm" \
 && curl --fail --silent --show-error --location --proto '=https' --tlsv1.2 --retry 3 \
      --output kubectl "https://dl.k8s.io/release/${KUBECTL_VERSION}/bin/linux/${TARGETARCH}/kubectl" \
 && echo "${kubectl_sha}  kubectl" | sha256sum --check --strict - \
 && chmod 0755 helm kubectl \
 && rm helm.tar.gz

FROM ${NODE_IMAGE}
ARG HELM_VERSION
ARG KUBECTL_VERSION
# git and ssh clone the deployments repository; tini reaps the helm, kubectl and git processes the agent
# starts and passes SIGTERM on, so a pod stops cleanly.
RUN apt-get update \
 && apt-get install --yes --no-install-recommends ca-certificates git openssh-client tini \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --gid 10001 kubecd \
 && useradd --uid 10001 --gid 10001 --home-dir /var/lib/kubecd-agent --create-home --shell /usr/sbin/nologin kubecd
COPY --from=tools /tools/helm /tools/kubectl /usr/local/bin/
# The bundle is self-contained (dependencies included): nothing else of the repository is needed.
COPY --chown=root:root dist/ /opt/kubecd/dist/
LABEL org.opencontainers.image.title="kubecd-agent" \
      org.opencontainers.image.description="kubecd agent: pulls a deployments repository and applies its environments from inside the cluster" \
      org.opencontainers.image.licenses="Apache-2.0" \
      io.kubecd.helm.version="${HELM_VERSION}" \
      io.kubecd.kubectl.version="${KUBECTL_VERSION}"
ENV NODE_ENV=production \
    HOME=/var/lib/kubecd-agent
WORKDIR /var/lib/kubecd-agent
# Numeric, so Kubernetes can check runAsNonRoot without reading /etc/passwd.
USER 10001:10001
EXPOSE 8080
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/opt/kubecd/dist/cli/index.js"]
CMD ["agent", "--help"]
