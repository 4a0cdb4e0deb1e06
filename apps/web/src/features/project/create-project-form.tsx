'use client';

import { useState, type FormEvent } from 'react';
import { gql, useMutation } from '@urql/next';
import { ErrorNotice } from '@/components/query-states';

interface CreateProjectData {
  createProject: { id: string; name: string; description: string | null };
}
interface CreateProjectVariables {
  input: { name: string; description?: string | null };
}

export const CreateProjectForm_CreateProject = gql<CreateProjectData, CreateProjectVariables>`
  mutation CreateProjectForm_CreateProject($input: CreateProjectInput!) {
    createProject(input: $input) {
      id
      name
      description
    }
  }
`;

export function CreateProjectForm() {
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [created, setCreated] = useState<string | null>(null);
  const [{ fetching, error }, createProject] = useMutation(CreateProjectForm_CreateProject);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setCreated(null);
    const trimmed = description.trim();
    const result = await createProject({ input: { name: name.trim(), description: trimmed || null } });
    if (result.data) {
      setCreated(result.data.createProject.name);
      setName('');
      setDescription('');
    }
  }

  return (
    <form className="form" onSubmit={onSubmit} aria-describedby="create-project-status">
      <div className="form__row">
        <label className="field">
          <span className="field__label">Name</span>
          <input name="name" required maxLength={200} value={name} onChange={(e) => setName(e.target.value)} placeholder="ru-sentiment" />
        </label>
        <label className="field field--wide">
          <span className="field__label">Description (optional)</span>
          <input
            name="description"
            maxLength={2000}
            value={description}
            onChange={(e) => setDescription(e.target.value)}
            placeholder="Russian movie reviews: BERT vs LoRA vs Mamba"
          />
        </label>
        <button type="submit" className="button" disabled={fetching || name.trim() === ''}>
          {fetching ? 'Creating…' : 'Create project'}
        </button>
      </div>
      <div id="create-project-status" aria-live="polite">
        {error ? <ErrorNotice title="Could not create the project" error={error} /> : null}
        {created ? <p className="form__success">Created project “{created}”.</p> : null}
      </div>
    </form>
  );
}
