import * as core from '@actions/core';

core.setFailed('kubecd check-upgrades is not implemented yet.');
