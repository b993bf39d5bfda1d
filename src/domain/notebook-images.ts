/**
 * Notebook and IDE servers that podwarden knows to be open to anyone with the pod's proxy URL
 * unless an environment variable sets a password. RunPod's HTTP proxy
 * (`https://<pod>-<port>.proxy.runpod.net`) is public: whoever has the link reaches the port.
 *
 * - Jupyter: RunPod's own images (runpod/pytorch, runpod/tensorflow, runpod/base …) start
 *   JupyterLab on 8888 with `JUPYTER_PASSWORD` as its token, and none when it is unset (RunPod's
 *   docs create pods with `JUPYTER_PASSWORD=…`); the Jupyter Docker Stacks read `JUPYTER_TOKEN`.
 * - code-server (codercom/code-server, linuxserver/code-server): `PASSWORD` or `HASHED_PASSWORD`.
 * - RStudio Server (rocker/rstudio and friends): `PASSWORD`.
 * Which images start which server is our reading of their public start scripts; a pod whose image
 * is not in the table is not judged.
 */
export type NotebookApp = {
  app: string;
  /** The container port the server listens on. */
  port: number;
  /** The image name (registry and tag included) starts one of these servers. */
  images: readonly RegExp[];
  /** Any one of these, set to a non-empty value, gives the server a password. */
  passwordEnv: readonly string[];
};

export const NOTEBOOK_APPS: readonly NotebookApp[] = [
  {
    app: 'Jupyter',
    port: 8888,
    images: [
      /(^|\/)runpod\/(pytorch|tensorflow|base|stable-diffusion)(:|$)/i,
      /(^|\/)jupyter\/[a-z-]*notebook(:|$)/i,
      /(^|\/)quay\.io\/jupyter\//i,
    ],
    passwordEnv: ['JUPYTER_PASSWORD', 'JUPYTER_TOKEN'],
  },
  {
    app: 'code-server',
    port: 8080,
    images: [/(^|\/)codercom\/code-server(:|$)/i, /(^|\/)linuxserver\/code-server(:|$)/i],
    passwordEnv: ['PASSWORD', 'HASHED_PASSWORD'],
  },
  {
    app: 'code-server',
    port: 8443,
    images: [/(^|\/)linuxserver\/code-server(:|$)/i],
    passwordEnv: ['PASSWORD', 'HASHED_PASSWORD'],
  },
  {
    app: 'RStudio',
    port: 8787,
    images: [/(^|\/)rocker\/(rstudio|tidyverse|verse|geospatial|ml)(:|$)/i],
    passwordEnv: ['PASSWORD'],
  },
];
