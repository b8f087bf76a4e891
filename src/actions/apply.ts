import * as core from '@actions/core';

core.setFailed('kubecd apply is not implemented yet.');
