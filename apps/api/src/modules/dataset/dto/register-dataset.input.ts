import { Field, ID, InputType } from 'type-graphql';
import { DatasetFormatEnum } from '../dataset-format.type';
import { DatasetSplitInput } from './create-dataset.input';

@InputType({ description: 'Which source columns hold what. JSONL defaults to Kinopoisk: content, review_id, and grade3 or grade10 by rule.' })
export class DatasetColumnsInput {
  @Field(() => String, { nullable: true, description: 'The review text. Required for CSV and Parquet.' }) text?: string | null;
  @Field(() => String, { nullable: true, description: 'The raw label the rule reads. Required for CSV and Parquet.' }) label?: string | null;
  @Field(() => String, { nullable: true, description: 'A unique row id (optional); rows without one are numbered by line.' }) id?: string | null;
}

@InputType()
export class RegisterDatasetInput {
  @Field(() => ID) projectId: string;
  @Field(() => String) name: string;
  @Field(() => String, {
    description: "A file the API can read (relative paths from the API's working directory) or hf://datasets/<owner>/<name>/<file> from the Hugging Face cache.",
  })
  source: string;
  @Field(() => DatasetFormatEnum, { nullable: true, description: 'Default: from the file name (.jsonl, .csv, .parquet, optionally .gz for JSONL and CSV).' })
  format?: string | null;
  @Field(() => DatasetColumnsInput, { nullable: true }) columns?: DatasetColumnsInput | null;
  @Field(() => String, { nullable: true, description: "Default 'grade3' (Good → 1, Bad → 0, Neutral dropped); or 'grade10>=N'; or 'custom:{\"pos\":1,\"neg\":0}'." })
  labelRule?: string | null;
  @Field(() => String, { nullable: true, description: "'strip-score-mentions' removes self-reported scores («9 из 10») from the texts." })
  textRule?: string | null;
  @Field(() => DatasetSplitInput, { nullable: true }) split?: DatasetSplitInput | null;
}
