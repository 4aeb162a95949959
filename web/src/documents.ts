/**
 * Every GraphQL document the Explorer sends, in one module that imports nothing but gql.tada, so that
 * `npm run persisted:build` (src/scripts/persisted-manifest.ts) can import it in Node and write the Explorer's
 * persisted-operations manifest (web/persisted-operations.json) from it. A page's query lives here, under the
 * page's name; a new document goes here too, or the server refuses it when it runs only persisted operations.
 */
import { graphql } from './graphql.ts';

// SearchBox

export const SearchQuery = graphql(`
  query ExplorerSearch(
    $text: String!
    $first: Int!
    $types: [SearchableType!] = [MODEL, ORGANIZATION, DATASET, TECHNIQUE]
  ) {
    search(text: $text, first: $first, types: $types) {
      totalCount
      hits {
        entityId
        type
        slug
        name
        score
        matchedText
      }
    }
  }
`);

// Home

export const HomeQuery = graphql(`
  query ExplorerHome {
    models(first: 1) {
      totalCount
    }
    organizations(first: 1) {
      totalCount
    }
    datasets(first: 1, filter: { benchmark: true }) {
      totalCount
    }
    benchmarkResults(first: 1) {
      totalCount
    }
    claims(first: 1) {
      totalCount
    }
    tulu: model(slug: "tulu-3-405b") {
      slug
      name
      releaseDate
      description
      organization {
        slug
        name
      }
    }
    article: source(slug: "article") {
      slug
      title
      url
      claims(first: 1) {
        totalCount
      }
    }
  }
`);

// Model

export const ModelQuery = graphql(`
  query ExplorerModel($slug: String!) {
    model(slug: $slug) {
      id
      slug
      name
      description
      releaseDate
      parameterCount
      activeParameterCount
      contextLength
      architecture
      openWeights
      access
      organizations {
        slug
        name
      }
      license {
        name
        category
      }
      attributions {
        notes
        source {
          slug
          title
          url
        }
      }
      ancestors(maxDepth: 4) {
        depth
        path {
          kind
          model {
            slug
            name
          }
          baseModel {
            slug
            name
          }
        }
      }
      descendants(maxDepth: 3) {
        depth
        path {
          kind
          model {
            slug
            name
          }
          baseModel {
            slug
            name
          }
        }
      }
      techniques {
        stage
        details
        technique {
          slug
          name
        }
        datasets {
          slug
          name
        }
        source {
          title
          url
        }
      }
      results(first: 100) {
        totalCount
        nodes {
          id
          value
          reportedValue
          modelVariant
          dataset {
            slug
            name
          }
          metric {
            slug
            name
            unit
          }
          setting {
            shots
            chainOfThought
            passK
            variant
            split
            scaffold
            harness
          }
          evaluator {
            name
          }
          evaluatorRelationship
          source {
            title
            url
          }
        }
      }
      beats {
        margin
        loser {
          slug
          name
        }
        comparability {
          key
          dataset {
            slug
            name
          }
          metric {
            name
          }
          settingDescription
        }
      }
      beatenBy {
        margin
        winner {
          slug
          name
        }
        comparability {
          key
          dataset {
            slug
            name
          }
          metric {
            name
          }
          settingDescription
        }
      }
    }
  }
`);

/** Apart, so that the page shows before the verdicts (computed per request, the slowest part) arrive. */
export const ModelClaimsQuery = graphql(`
  query ExplorerModelClaims($slug: String!) {
    model(slug: $slug) {
      claimsMentioning {
        slug
        ordinal
        statement
        source {
          slug
          title
        }
        verdict {
          verdict
          summary
        }
      }
    }
  }
`);

// Benchmark

export const BenchmarkKeysQuery = graphql(`
  query ExplorerBenchmarkKeys($dataset: String!) {
    dataset(slug: $dataset) {
      slug
      name
      description
      homepage
      introducedYear
    }
    comparabilityKeys(dataset: $dataset) {
      key
      resultCount
      settingDescription
      metric {
        slug
        name
        higherIsBetter
      }
      setting {
        shots
        chainOfThought
        passK
        variant
        split
        scaffold
      }
    }
  }
`);

export const BenchmarkViewQuery = graphql(`
  query ExplorerBenchmark($dataset: String!, $metric: String!, $setting: EvaluationSettingInput!, $asOf: Date) {
    leaderboard(dataset: $dataset, metric: $metric, setting: $setting, asOf: $asOf, first: 100) {
      totalModels
      asOf
      entries {
        rank
        value
        model {
          slug
          name
          parameterCount
        }
        organization {
          slug
          name
        }
        source {
          title
          url
        }
        conflict {
          count
          min
          max
          spread
          results {
            id
            value
            source {
              title
              url
            }
          }
        }
      }
    }
    stateOfTheArt(dataset: $dataset, metric: $metric, setting: $setting) {
      results
      undatedResults
      points {
        date
        dateBasis
        value
        improvement
        model {
          slug
          name
        }
      }
    }
    paretoFrontier(dataset: $dataset, metric: $metric, setting: $setting) {
      dominatedCount
      frontier {
        parameterCount
        value
        model {
          slug
          name
        }
      }
      dominated {
        parameterCount
        value
        model {
          slug
          name
        }
      }
      undisclosedSize {
        value
        model {
          slug
          name
        }
      }
    }
  }
`);

// Compare

/** The benchmarks these models have results on, most results first (the compare takes at most 50). */
export const CompareBenchmarksQuery = graphql(`
  query ExplorerCompareBenchmarks($models: [String!]!) {
    resultStats(filter: { model: $models }, groupBy: DATASET) {
      key
      count
    }
  }
`);

export const CompareQuery = graphql(`
  query ExplorerCompare($models: [String!]!, $datasets: [String!]!) {
    compare(models: $models, datasets: $datasets) {
      rows {
        comparability {
          key
          dataset {
            slug
            name
          }
          metric {
            name
            higherIsBetter
          }
          settingDescription
        }
        cells {
          model {
            slug
            name
          }
          value
        }
        winners {
          slug
          name
        }
        margin
      }
      incomparable {
        comparability {
          key
          dataset {
            slug
            name
          }
          metric {
            name
          }
          settingDescription
        }
        cells {
          model {
            slug
          }
          value
        }
      }
      records {
        model {
          slug
          name
        }
        wins
        ties
        losses
        missing
      }
    }
  }
`);

// Claims

export const ClaimsQuery = graphql(`
  query ExplorerClaims($source: String!) {
    source(slug: $source) {
      slug
      title
      url
      publisher
      publishedOn
    }
    claims(first: 50, filter: { source: [$source] }, orderBy: { field: SOURCE_ORDER }) {
      totalCount
      nodes {
        slug
        ordinal
        statement
        quote
        quantity
        quantityUnit
        qualifier
        subjectModel {
          slug
          name
        }
        subjectOrganization {
          slug
          name
        }
        verdict {
          verdict
          summary
          checks {
            description
            outcome
            expected
            actual
            sources {
              slug
              title
              url
            }
          }
        }
      }
    }
  }
`);

// Organization

export const OrganizationQuery = graphql(`
  query ExplorerOrganization($slug: String!) {
    organization(slug: $slug) {
      slug
      name
      description
      kind
      country
      headquarters
      foundedYear
      website
      modelCount
      models(first: 100) {
        totalCount
        nodes {
          slug
          name
          releaseDate
          parameterCount
          openWeights
          techniques {
            technique {
              slug
              name
            }
          }
        }
      }
    }
  }
`);

/** Results of the organization's models, best first, from which each benchmark's best is taken. */
export const OrganizationScoresQuery = graphql(`
  query ExplorerOrganizationScores($models: [String!]!) {
    benchmarkResults(filter: { model: $models }, first: 100, orderBy: { field: VALUE, direction: DESC }) {
      totalCount
      nodes {
        id
        value
        model {
          slug
          name
        }
        dataset {
          slug
          name
        }
        metric {
          slug
          name
          higherIsBetter
        }
        setting {
          shots
          chainOfThought
          passK
          variant
          split
          scaffold
          harness
        }
        source {
          title
          url
        }
      }
    }
  }
`);

// Graph

/** The global ID of an entity given by type and slug (the graph's fields take IDs). */
export const EntityQuery = graphql(`
  query ExplorerEntity(
    $slug: String!
    $model: Boolean!
    $organization: Boolean!
    $dataset: Boolean!
    $technique: Boolean!
  ) {
    model(slug: $slug) @include(if: $model) {
      id
      name
    }
    organization(slug: $slug) @include(if: $organization) {
      id
      name
    }
    dataset(slug: $slug) @include(if: $dataset) {
      id
      name
    }
    technique(slug: $slug) @include(if: $technique) {
      id
      name
    }
  }
`);

export const NeighborhoodQuery = graphql(`
  query ExplorerNeighborhood($id: ID!, $depth: Int!, $limit: Int!, $edgeTypes: [GraphEdgeType!]) {
    neighborhood(id: $id, depth: $depth, limit: $limit, edgeTypes: $edgeTypes) {
      truncated
      edgesTruncated
      center {
        entityId
      }
      nodes {
        entityId
        type
        slug
        name
        depth
      }
      edges {
        type
        fromId
        toId
        detail
      }
    }
  }
`);

export const PathQuery = graphql(`
  query ExplorerPath($from: ID!, $to: ID!) {
    path(from: $from, to: $to, maxHops: 4) {
      length
      nodes {
        entityId
        type
        slug
        name
      }
      steps {
        direction
        from {
          entityId
        }
        to {
          entityId
        }
        edge {
          type
          detail
        }
      }
    }
  }
`);
