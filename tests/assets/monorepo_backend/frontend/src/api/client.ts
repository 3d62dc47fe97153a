export interface Project {
  id: number;
  name: string;
  archived: boolean;
}

export interface Task {
  id: number;
  projectId: number;
  title: string;
  status: "todo" | "doing" | "done";
}

const BASE_URL = import.meta.env.VITE_API_URL ?? "http://localhost:8000/api";

async function request<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await fetch(`${BASE_URL}${path}`, {
    headers: { "Content-Type": "application/json" },
    ...init,
  });
  if (!response.ok) {
    throw new Error(`${response.status} ${response.statusText}`);
  }
  return (await response.json()) as T;
}

export const listProjects = () => request<Project[]>("/projects");
export const createTask = (projectId: number, title: string) =>
  request<Task>(`/projects/${projectId}/tasks`, { method: "POST", body: JSON.stringify({ title }) });
