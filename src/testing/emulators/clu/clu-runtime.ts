/**
 * The runtime's `:analyze-conversations`: answered by Parley's local recognizer, trained on the
 * emulator's intent model, or — for a deployment made through the authoring API — on the project that
 * deployment's model was trained from (read back with Parley's CLU importer).
 */
import type { IntentModel } from '../../../content/intent-model.js';
import type { Clock } from '../../../core/clock.js';
import { createLocalRecognizer } from '../../../nlu/local/index.js';
import { resolveModelLocale } from '../../../nlu/local/resolve-locale.js';
import type { Recognizer } from '../../../nlu/recognizer.js';
import { importCluProject } from '../../../../bot-deploy/azure-clu/import-clu-project.js';
import type { CluAuthoring } from './clu-authoring.js';
import { predictionFor } from './clu-prediction.js';
import { invalidRequest, type CluErrorBody } from './clu-replies.js';
import { readCluRequest } from './clu-request.js';

/** A project the emulator serves from its own intent model. */
export interface ServedProject {
  projectName: string;
  deployments?: string[];
  confidenceThreshold?: number;
  language?: string;
}

interface Served {
  model: IntentModel;
  recognizer: Recognizer;
  threshold: number;
  language: string | undefined;
}

export type RuntimeAnswer = { status: 200; body: unknown; headers?: Record<string, string> } | { status: number; error: CluErrorBody };

export function createCluRuntime(options: { model?: IntentModel; projects?: ServedProject[] }, authoring: CluAuthoring, clock: Clock) {
  const own = options.model && { model: options.model, recognizer: createLocalRecognizer({ model: options.model }) };
  const deployed = new Map<string, Served>();

  function servedBy(projectName: string, deploymentName: string): Served | CluErrorBody {
    const made = authoring.deployed(projectName, deploymentName);
    if (made) {
      let served = deployed.get(made.modelId);
      if (!served) {
        const { model, settings } = importCluProject(made.snapshot);
        served = { model, recognizer: createLocalRecognizer({ model }), threshold: settings.confidenceThreshold, language: settings.language };
        deployed.set(made.modelId, served);
      }
      return served;
    }
    const project = options.projects ? options.projects.find((item) => item.projectName === projectName) : { projectName };
    if (!own || !project) return { code: 'ProjectNotFound', message: `The project ${projectName} could not be found.` };
    if (options.projects && !(project.deployments ?? ['production']).includes(deploymentName)) {
      return { code: 'NotFound', message: `The deployment ${deploymentName} of project ${projectName} could not be found.` };
    }
    return { ...own, threshold: project.confidenceThreshold ?? 0, language: project.language };
  }

  return {
    async answer(body: unknown): Promise<RuntimeAnswer> {
      if (body === undefined) return { status: 400, error: invalidRequest('The request body is not valid JSON.', 'InvalidRequestBodyFormat') };
      const read = readCluRequest(body);
      if (!read.ok) return { status: 400, error: invalidRequest(read.message) };
      const { text, language, projectName, deploymentName, stringIndexType } = read.request;
      const served = servedBy(projectName, deploymentName);
      if (!('recognizer' in served)) return { status: 404, error: served };
      const locale = resolveModelLocale(served.model, language ?? served.language ?? Object.keys(served.model.locales)[0] ?? '');
      const localeModel = locale === undefined ? undefined : served.model.locales[locale];
      if (!locale || !localeModel) return { status: 400, error: invalidRequest(`The language code "${language}" is not supported by this project.`, 'UnsupportedLanguageCode') };
      const recognition = await served.recognizer.recognize({ text, locale, now: clock.now(), timeZone: clock.timeZone });
      const prediction = predictionFor(recognition, localeModel, served.threshold, stringIndexType);
      return { status: 200, body: { kind: 'ConversationResult', result: { query: text, prediction } } };
    },
  };
}
