import { CategoryDef } from '../ruleset.types';

/**
 * Where an event goes that no rule, known answer or model places: the pipeline needs it, so it
 * cannot be deleted and a `replace` import keeps it.
 */
export const FALLBACK_CATEGORY_ID = 'uncategorized';

/**
 * Built-in category tree. Children inherit nothing implicitly: each one carries its own color and
 * productive flag (isProductive reads the category's own flag).
 */
export const DEFAULT_TAXONOMY: CategoryDef[] = [
  { id: 'work', name: 'Work', color: '#1E88E5', productive: true },
  { id: 'work:programming', name: 'Programming', parentId: 'work', color: '#1565C0', productive: true },
  { id: 'work:design', name: 'Design', parentId: 'work', color: '#8E24AA', productive: true },
  { id: 'work:writing', name: 'Writing', parentId: 'work', color: '#3949AB', productive: true },
  { id: 'work:office', name: 'Office', parentId: 'work', color: '#0277BD', productive: true },
  { id: 'work:research', name: 'Research', parentId: 'work', color: '#00838F', productive: true },
  { id: 'work:ai-assistants', name: 'AI Assistants', parentId: 'work', color: '#5E35B1', productive: true },
  { id: 'work:project-management', name: 'Project Management', parentId: 'work', color: '#283593', productive: true },

  { id: 'communication', name: 'Communication', color: '#43A047', productive: true },
  { id: 'communication:meetings', name: 'Meetings', parentId: 'communication', color: '#2E7D32', productive: true },
  { id: 'communication:chat', name: 'Chat', parentId: 'communication', color: '#66BB6A', productive: true },
  { id: 'communication:email', name: 'Email', parentId: 'communication', color: '#388E3C', productive: true },

  { id: 'learning', name: 'Learning', color: '#FB8C00', productive: true },
  { id: 'learning:courses', name: 'Courses', parentId: 'learning', color: '#EF6C00', productive: true },
  { id: 'learning:reading', name: 'Reading', parentId: 'learning', color: '#FFA726', productive: true },
  { id: 'learning:languages', name: 'Languages', parentId: 'learning', color: '#F57C00', productive: true },

  { id: 'entertainment', name: 'Entertainment', color: '#E53935', productive: false },
  { id: 'entertainment:video', name: 'Video', parentId: 'entertainment', color: '#C62828', productive: false },
  { id: 'entertainment:music', name: 'Music', parentId: 'entertainment', color: '#EC407A', productive: false },
  { id: 'entertainment:games', name: 'Games', parentId: 'entertainment', color: '#AD1457', productive: false },
  { id: 'entertainment:social-media', name: 'Social Media', parentId: 'entertainment', color: '#D81B60', productive: false },
  { id: 'entertainment:news', name: 'News', parentId: 'entertainment', color: '#B71C1C', productive: false },

  { id: 'shopping', name: 'Shopping', color: '#FDD835', productive: false },

  { id: 'personal', name: 'Personal', color: '#6D4C41', productive: false },
  { id: 'personal:finance', name: 'Finance', parentId: 'personal', color: '#4E342E', productive: false },
  { id: 'personal:travel', name: 'Travel & Maps', parentId: 'personal', color: '#8D6E63', productive: false },

  { id: 'system', name: 'System', color: '#757575', productive: false },
  { id: 'system:files', name: 'Files', parentId: 'system', color: '#616161', productive: false },
  { id: 'system:settings', name: 'Settings', parentId: 'system', color: '#9E9E9E', productive: false },
  { id: 'system:security', name: 'Passwords & Security', parentId: 'system', color: '#424242', productive: false },

  { id: FALLBACK_CATEGORY_ID, name: 'Uncategorized', color: '#BDBDBD', productive: false },
];
