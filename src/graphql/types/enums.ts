/**
 * GraphQL enums mirroring the database enums. Values are SCREAMING_CASE in GraphQL and the snake_case
 * database value internally; each carries a description.
 */
import { builder } from '../builder.ts';

function dbEnum<const V extends string>(name: string, description: string, values: Record<V, string>) {
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      Object.entries<string>(values).map(([value, valueDescription]) => [
        value.toUpperCase(),
        { value: value as V, description: valueDescription },
      ]),
    ) as Record<Uppercase<V>, { value: V; description: string }>,
  });
}

export const OrganizationKindEnum = dbEnum('OrganizationKind', 'What kind of body an organization is.', {
  company: 'A for-profit company (startups and subsidiaries included).',
  nonprofit: 'A nonprofit organization or research institute.',
  university: 'A university or academic institution.',
  government: 'A government body or public agency.',
  research_lab: 'An independent research laboratory.',
  community: 'An open community or collective without a legal entity.',
});

export const ArchitectureKindEnum = dbEnum('ArchitectureKind', 'Overall network architecture of a model.', {
  dense: 'Every parameter is active for every token.',
  moe: 'Mixture of experts: a router activates a subset of expert layers per token.',
});

export const LineageKindEnum = dbEnum('LineageKind', 'How a model was derived from its base model.', {
  finetune: 'Further trained from the base weights (SFT, preference tuning, RL...).',
  distillation: 'Trained to imitate the base model (the teacher).',
  continued_pretraining: 'Initialized from the base weights and pretrained further on new data.',
  merge: 'Weights merged from several models.',
  quantization: 'The base weights at reduced numeric precision.',
  adapter: 'A small set of weights (LoRA and similar) added to the frozen base.',
});

export const TechniqueKindEnum = dbEnum('TechniqueKind', 'Which part of model building a technique belongs to.', {
  post_training: 'Training after pretraining, such as supervised fine-tuning.',
  alignment: 'Aligning a model with preferences (DPO, RLHF...).',
  reinforcement_learning: 'Reinforcement-learning algorithms and reward schemes.',
  architecture: 'Network architecture (attention variants, mixture of experts...).',
  data: 'How training data is made or chosen.',
  distillation: 'Transferring knowledge from a teacher model to a student.',
  training_efficiency: 'Making training cheaper or faster (precision, load balancing...).',
});

export const DatasetDomainEnum = dbEnum('DatasetDomain', 'Subject area of a dataset or benchmark.', {
  math: 'Mathematics.',
  code: 'Programming and software engineering.',
  knowledge: 'Factual and world knowledge.',
  reasoning: 'Multi-step and commonsense reasoning.',
  instruction_following: 'Following explicit instructions.',
  chat: 'Open-ended conversation quality.',
  safety: 'Refusal, harmlessness and compliance.',
  long_context: 'Understanding long inputs.',
  multilingual: 'Languages other than English.',
  tool_use: 'Calling tools, functions and APIs.',
  reading_comprehension: 'Answering questions about a given text.',
  language_modeling: 'Raw next-token prediction quality.',
  aggregate: 'An average or composite over several benchmarks.',
});

export const LicenseCategoryEnum = dbEnum('LicenseCategory', 'How freely a license lets others use the work.', {
  permissive: 'Use, modify and redistribute with few conditions (MIT, Apache-2.0).',
  copyleft: 'Derivatives must be shared under the same license.',
  restrictive: 'Custom terms that restrict some uses or users (most "community" model licenses).',
  non_commercial: 'Commercial use is not allowed.',
  proprietary: 'No public license: access only on the owner’s terms (API, app).',
  unknown: 'Terms not yet reviewed: a license an imported file names that the license registry does not know.',
});

export const SourceKindEnum = dbEnum('SourceKind', 'What kind of document a source is.', {
  paper: 'A research paper or preprint.',
  model_card: 'A model card (Hugging Face or a repository).',
  blog: 'A blog post or announcement by the maker.',
  news: 'A news article.',
  leaderboard: 'A leaderboard or its data files.',
  repository: 'A code or data repository.',
  documentation: 'Documentation pages.',
  aggregator: 'A third-party site that collects facts from elsewhere.',
  webpage: 'Any other web page.',
});

export const AccessChannelEnum = dbEnum('AccessChannel', 'How people can use a model.', {
  api: 'Through a paid or free API.',
  chat_app: 'Through a chat application or playground.',
  weights: 'By downloading the weights.',
});

export const EvaluatorRelationshipEnum = dbEnum(
  'EvaluatorRelationship',
  'Whether a result was measured by the model’s own developer.',
  {
    first_party: 'Evaluated by an organization that developed the model.',
    third_party: 'Evaluated by someone else.',
    unknown: 'Not stated: the source names no evaluator and no relationship.',
  },
);

export const ExternalIdNamespaceEnum = dbEnum('ExternalIdNamespace', 'A system that names models.', {
  huggingface: 'A Hugging Face Hub repository id (owner/name).',
  api: 'A model name in a provider’s API.',
  github: 'A GitHub repository (owner/name).',
  openrouter: 'An OpenRouter model id.',
});

export const ClaimPredicateEnum = dbEnum('ClaimPredicate', 'What a claim asserts about its subject.', {
  has_attributes: 'The subject has the attribute values in `attributes`.',
  developed: 'The subject organization developed or launched the object models.',
  derives_from: 'The subject model was derived from the object models.',
  trained_with: 'The subject model was trained with the object techniques.',
  trained_on_data: 'The subject model was trained on the kinds of data in `attributes`.',
  has_parameter_count: 'The subject model has `quantity` parameters.',
  used_training_compute: 'Training the subject model used `quantity` of `quantityUnit` (e.g. GPUs).',
  outperforms_on: 'The subject model scores higher than the object models on the object benchmarks.',
  outperforms_overall: 'The subject model is better than the object models overall.',
  outperforms_on_some: 'The subject model beats the object models on some benchmarks.',
  smaller_than: 'The subject model is `quantity` `quantityUnit` smaller than the object models.',
  faster_than: 'The subject model is `quantity` `quantityUnit` faster (than the objects or competitors).',
  available_via: 'The subject model can be reached through the channels in `attributes`.',
  state_of_the_art: 'The subject model is the best of its class (see `qualifier`).',
});

export const OrderDirectionEnum = builder.enumType('OrderDirection', {
  description: 'Sort direction.',
  values: {
    ASC: { value: 'asc', description: 'Smallest first (A to Z, oldest first).' },
    DESC: { value: 'desc', description: 'Largest first (Z to A, newest first).' },
  } as const,
});

export const ModalityEnum = dbEnum('Modality', 'What a model takes in or gives out.', {
  text: 'Text (code included).',
  image: 'Images.',
  audio: 'Audio (speech, music, sound).',
  video: 'Video.',
  tabular: 'Tables of values.',
  time_series: 'Time series.',
  three_d: '3D shapes and scenes.',
  embedding: 'A vector representing the input (embedding models).',
  label: 'A class, span tag or box with its score (classifiers, detectors).',
});
