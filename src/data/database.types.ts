export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  // Allows to automatically instantiate createClient with right options
  // instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)
  __InternalSupabase: {
    PostgrestVersion: "13.0.5"
  }
  public: {
    Tables: {
      annotation_replies: {
        Row: {
          annotation_id: string
          author_id: string
          body: Json | null
          body_text: string | null
          created_at: string
          document_id: string | null
          id: string
          updated_at: string
        }
        Insert: {
          annotation_id: string
          author_id?: string
          body?: Json | null
          body_text?: string | null
          created_at?: string
          document_id?: string | null
          id?: string
          updated_at?: string
        }
        Update: {
          annotation_id?: string
          author_id?: string
          body?: Json | null
          body_text?: string | null
          created_at?: string
          document_id?: string | null
          id?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "annotation_replies_annotation_id_fkey"
            columns: ["annotation_id"]
            isOneToOne: false
            referencedRelation: "annotations"
            referencedColumns: ["id"]
          },
        ]
      }
      annotations: {
        Row: {
          author_id: string
          body: Json | null
          body_text: string | null
          created_at: string
          document_id: string | null
          end_offset: number | null
          id: string
          kind: string
          paragraph_id: string
          quote_exact: string | null
          quote_prefix: string | null
          quote_suffix: string | null
          review_comment: string | null
          reviewed_at: string | null
          reviewed_by: string | null
          start_offset: number | null
          status: string
          tags: string[]
          target: string
          updated_at: string
          version: number
        }
        Insert: {
          author_id?: string
          body?: Json | null
          body_text?: string | null
          created_at?: string
          document_id?: string | null
          end_offset?: number | null
          id?: string
          kind?: string
          paragraph_id: string
          quote_exact?: string | null
          quote_prefix?: string | null
          quote_suffix?: string | null
          review_comment?: string | null
          reviewed_at?: string | null
          reviewed_by?: string | null
          start_offset?: number | null
          status?: string
          tags?: string[]
          target?: string
          updated_at?: string
          version?: number
        }
        Update: {
          author_id?: string
          body?: Json | null
          body_text?: string | null
          created_at?: string
          document_id?: string | null
          end_offset?: number | null
          id?: string
          kind?: string
          paragraph_id?: string
          quote_exact?: string | null
          quote_prefix?: string | null
          quote_suffix?: string | null
          review_comment?: string | null
          reviewed_at?: string | null
          reviewed_by?: string | null
          start_offset?: number | null
          status?: string
          tags?: string[]
          target?: string
          updated_at?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "annotations_paragraph_id_fkey"
            columns: ["paragraph_id"]
            isOneToOne: false
            referencedRelation: "paragraphs"
            referencedColumns: ["id"]
          },
        ]
      }
      document_stats: {
        Row: {
          approved: number
          document_id: string
          notes_approved: number
          notes_submitted: number
          paragraphs: number
          progress: number | null
          project_id: string
          translated: number
          updated_at: string
        }
        Insert: {
          approved?: number
          document_id: string
          notes_approved?: number
          notes_submitted?: number
          paragraphs?: number
          progress?: never
          project_id: string
          translated?: number
          updated_at?: string
        }
        Update: {
          approved?: number
          document_id?: string
          notes_approved?: number
          notes_submitted?: number
          paragraphs?: number
          progress?: never
          project_id?: string
          translated?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "document_stats_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: true
            referencedRelation: "document_progress"
            referencedColumns: ["document_id"]
          },
          {
            foreignKeyName: "document_stats_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: true
            referencedRelation: "documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_stats_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: true
            referencedRelation: "library_documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "document_stats_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      documents: {
        Row: {
          collection: string | null
          content_hash: string | null
          created_at: string
          created_by: string | null
          id: string
          keywords: string[]
          metadata: Json
          project_id: string
          published_on: string | null
          source_line: string | null
          title: string
          updated_at: string
        }
        Insert: {
          collection?: string | null
          content_hash?: string | null
          created_at?: string
          created_by?: string | null
          id?: string
          keywords?: string[]
          metadata?: Json
          project_id: string
          published_on?: string | null
          source_line?: string | null
          title: string
          updated_at?: string
        }
        Update: {
          collection?: string | null
          content_hash?: string | null
          created_at?: string
          created_by?: string | null
          id?: string
          keywords?: string[]
          metadata?: Json
          project_id?: string
          published_on?: string | null
          source_line?: string | null
          title?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "documents_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      glossary_entries: {
        Row: {
          approved_at: string | null
          approved_by: string | null
          created_at: string
          created_by: string | null
          en: string[]
          forbidden: string[]
          from_annotation_id: string | null
          id: string
          kind: string
          note: string
          project_id: string
          source: string
          status: string
          updated_at: string
          zh: string
        }
        Insert: {
          approved_at?: string | null
          approved_by?: string | null
          created_at?: string
          created_by?: string | null
          en?: string[]
          forbidden?: string[]
          from_annotation_id?: string | null
          id?: string
          kind?: string
          note?: string
          project_id: string
          source?: string
          status?: string
          updated_at?: string
          zh: string
        }
        Update: {
          approved_at?: string | null
          approved_by?: string | null
          created_at?: string
          created_by?: string | null
          en?: string[]
          forbidden?: string[]
          from_annotation_id?: string | null
          id?: string
          kind?: string
          note?: string
          project_id?: string
          source?: string
          status?: string
          updated_at?: string
          zh?: string
        }
        Relationships: [
          {
            foreignKeyName: "glossary_entries_from_annotation_id_fkey"
            columns: ["from_annotation_id"]
            isOneToOne: false
            referencedRelation: "annotations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "glossary_entries_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      notifications: {
        Row: {
          actor_id: string | null
          annotation_id: string | null
          created_at: string
          document_id: string | null
          excerpt: string | null
          id: number
          kind: string
          paragraph_id: string | null
          previous_role: string | null
          project_id: string
          read_at: string | null
          reply_id: string | null
          review_event_id: number | null
          role: string | null
          translation_id: string | null
          user_id: string
        }
        Insert: {
          actor_id?: string | null
          annotation_id?: string | null
          created_at?: string
          document_id?: string | null
          excerpt?: string | null
          id?: never
          kind: string
          paragraph_id?: string | null
          previous_role?: string | null
          project_id: string
          read_at?: string | null
          reply_id?: string | null
          review_event_id?: number | null
          role?: string | null
          translation_id?: string | null
          user_id: string
        }
        Update: {
          actor_id?: string | null
          annotation_id?: string | null
          created_at?: string
          document_id?: string | null
          excerpt?: string | null
          id?: never
          kind?: string
          paragraph_id?: string | null
          previous_role?: string | null
          project_id?: string
          read_at?: string | null
          reply_id?: string | null
          review_event_id?: number | null
          role?: string | null
          translation_id?: string | null
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "notifications_actor_id_fkey"
            columns: ["actor_id"]
            isOneToOne: false
            referencedRelation: "profiles"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_annotation_id_fkey"
            columns: ["annotation_id"]
            isOneToOne: false
            referencedRelation: "annotations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "document_progress"
            referencedColumns: ["document_id"]
          },
          {
            foreignKeyName: "notifications_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "library_documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_paragraph_id_fkey"
            columns: ["paragraph_id"]
            isOneToOne: false
            referencedRelation: "paragraphs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_reply_id_fkey"
            columns: ["reply_id"]
            isOneToOne: false
            referencedRelation: "annotation_replies"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_review_event_id_fkey"
            columns: ["review_event_id"]
            isOneToOne: false
            referencedRelation: "review_events"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "notifications_translation_id_fkey"
            columns: ["translation_id"]
            isOneToOne: false
            referencedRelation: "translation_history"
            referencedColumns: ["translation_id"]
          },
          {
            foreignKeyName: "notifications_translation_id_fkey"
            columns: ["translation_id"]
            isOneToOne: false
            referencedRelation: "translations"
            referencedColumns: ["id"]
          },
        ]
      }
      paragraphs: {
        Row: {
          created_at: string
          document_id: string
          id: string
          kind: string
          position: number
          text: string
        }
        Insert: {
          created_at?: string
          document_id: string
          id?: string
          kind?: string
          position: number
          text: string
        }
        Update: {
          created_at?: string
          document_id?: string
          id?: string
          kind?: string
          position?: number
          text?: string
        }
        Relationships: [
          {
            foreignKeyName: "paragraphs_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "document_progress"
            referencedColumns: ["document_id"]
          },
          {
            foreignKeyName: "paragraphs_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "paragraphs_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "library_documents"
            referencedColumns: ["id"]
          },
        ]
      }
      profiles: {
        Row: {
          created_at: string
          display_name: string | null
          email: string | null
          id: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          display_name?: string | null
          email?: string | null
          id: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          display_name?: string | null
          email?: string | null
          id?: string
          updated_at?: string
        }
        Relationships: []
      }
      project_invitations: {
        Row: {
          accepted_at: string | null
          accepted_by: string | null
          created_at: string
          email: string
          email_sent_at: string | null
          id: string
          invited_by: string | null
          project_id: string
          role: string
        }
        Insert: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          email: string
          email_sent_at?: string | null
          id?: string
          invited_by?: string | null
          project_id: string
          role: string
        }
        Update: {
          accepted_at?: string | null
          accepted_by?: string | null
          created_at?: string
          email?: string
          email_sent_at?: string | null
          id?: string
          invited_by?: string | null
          project_id?: string
          role?: string
        }
        Relationships: [
          {
            foreignKeyName: "project_invitations_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      project_members: {
        Row: {
          created_at: string
          project_id: string
          role: string
          user_id: string
        }
        Insert: {
          created_at?: string
          project_id: string
          role: string
          user_id: string
        }
        Update: {
          created_at?: string
          project_id?: string
          role?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "project_members_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      projects: {
        Row: {
          created_at: string
          created_by: string | null
          description: string | null
          id: string
          name: string
          updated_at: string
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          description?: string | null
          id?: string
          name: string
          updated_at?: string
        }
        Update: {
          created_at?: string
          created_by?: string | null
          description?: string | null
          id?: string
          name?: string
          updated_at?: string
        }
        Relationships: []
      }
      qa_ignores: {
        Row: {
          created_at: string
          created_by: string
          fingerprint: string
          id: string
          message: string
          paragraph_id: string
          reason: string
        }
        Insert: {
          created_at?: string
          created_by?: string
          fingerprint: string
          id?: string
          message?: string
          paragraph_id: string
          reason: string
        }
        Update: {
          created_at?: string
          created_by?: string
          fingerprint?: string
          id?: string
          message?: string
          paragraph_id?: string
          reason?: string
        }
        Relationships: [
          {
            foreignKeyName: "qa_ignores_paragraph_id_fkey"
            columns: ["paragraph_id"]
            isOneToOne: false
            referencedRelation: "paragraphs"
            referencedColumns: ["id"]
          },
        ]
      }
      review_events: {
        Row: {
          annotation_id: string | null
          comment: string | null
          created_at: string
          decision: string
          document_id: string | null
          id: number
          project_id: string
          reviewer_id: string | null
          suggestion: string | null
          translation_id: string | null
          undoes: number | null
          version: number
        }
        Insert: {
          annotation_id?: string | null
          comment?: string | null
          created_at?: string
          decision: string
          document_id?: string | null
          id?: number
          project_id: string
          reviewer_id?: string | null
          suggestion?: string | null
          translation_id?: string | null
          undoes?: number | null
          version: number
        }
        Update: {
          annotation_id?: string | null
          comment?: string | null
          created_at?: string
          decision?: string
          document_id?: string | null
          id?: number
          project_id?: string
          reviewer_id?: string | null
          suggestion?: string | null
          translation_id?: string | null
          undoes?: number | null
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "review_events_annotation_id_fkey"
            columns: ["annotation_id"]
            isOneToOne: false
            referencedRelation: "annotations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "review_events_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "document_progress"
            referencedColumns: ["document_id"]
          },
          {
            foreignKeyName: "review_events_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "review_events_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "library_documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "review_events_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "review_events_translation_id_fkey"
            columns: ["translation_id"]
            isOneToOne: false
            referencedRelation: "translation_history"
            referencedColumns: ["translation_id"]
          },
          {
            foreignKeyName: "review_events_translation_id_fkey"
            columns: ["translation_id"]
            isOneToOne: false
            referencedRelation: "translations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "review_events_undoes_fkey"
            columns: ["undoes"]
            isOneToOne: false
            referencedRelation: "review_events"
            referencedColumns: ["id"]
          },
        ]
      }
      tm_entries: {
        Row: {
          author_id: string | null
          author_name: string | null
          id: string
          import_id: string | null
          paragraph_id: string | null
          project_id: string
          source_norm: string
          source_text: string
          status: string
          target_text: string
          updated_at: string
        }
        Insert: {
          author_id?: string | null
          author_name?: string | null
          id?: string
          import_id?: string | null
          paragraph_id?: string | null
          project_id: string
          source_norm: string
          source_text: string
          status: string
          target_text: string
          updated_at?: string
        }
        Update: {
          author_id?: string | null
          author_name?: string | null
          id?: string
          import_id?: string | null
          paragraph_id?: string | null
          project_id?: string
          source_norm?: string
          source_text?: string
          status?: string
          target_text?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "tm_entries_import_id_fkey"
            columns: ["import_id"]
            isOneToOne: false
            referencedRelation: "tm_imports"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tm_entries_paragraph_id_fkey"
            columns: ["paragraph_id"]
            isOneToOne: true
            referencedRelation: "paragraphs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tm_entries_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      tm_imports: {
        Row: {
          created_at: string
          created_by: string | null
          id: string
          name: string
          project_id: string
          source_language: string
          target_language: string
          units: number
        }
        Insert: {
          created_at?: string
          created_by?: string | null
          id?: string
          name: string
          project_id: string
          source_language: string
          target_language: string
          units?: number
        }
        Update: {
          created_at?: string
          created_by?: string | null
          id?: string
          name?: string
          project_id?: string
          source_language?: string
          target_language?: string
          units?: number
        }
        Relationships: [
          {
            foreignKeyName: "tm_imports_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      tm_segments: {
        Row: {
          author_id: string | null
          author_name: string | null
          id: string
          import_id: string | null
          occurrences: number
          paragraph_id: string | null
          project_id: string
          source_hash: string
          source_norm: string
          source_text: string
          status: string
          target_hash: string
          target_text: string
          updated_at: string
        }
        Insert: {
          author_id?: string | null
          author_name?: string | null
          id?: string
          import_id?: string | null
          occurrences: number
          paragraph_id?: string | null
          project_id: string
          source_hash: string
          source_norm: string
          source_text: string
          status: string
          target_hash: string
          target_text: string
          updated_at: string
        }
        Update: {
          author_id?: string | null
          author_name?: string | null
          id?: string
          import_id?: string | null
          occurrences?: number
          paragraph_id?: string | null
          project_id?: string
          source_hash?: string
          source_norm?: string
          source_text?: string
          status?: string
          target_hash?: string
          target_text?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "tm_segments_import_id_fkey"
            columns: ["import_id"]
            isOneToOne: false
            referencedRelation: "tm_imports"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tm_segments_paragraph_id_fkey"
            columns: ["paragraph_id"]
            isOneToOne: false
            referencedRelation: "paragraphs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "tm_segments_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      translation_revisions: {
        Row: {
          author_id: string | null
          body: Json | null
          created_at: string
          id: number
          status: string
          text: string
          translation_id: string
          version: number
        }
        Insert: {
          author_id?: string | null
          body?: Json | null
          created_at?: string
          id?: number
          status: string
          text: string
          translation_id: string
          version: number
        }
        Update: {
          author_id?: string | null
          body?: Json | null
          created_at?: string
          id?: number
          status?: string
          text?: string
          translation_id?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "translation_revisions_translation_id_fkey"
            columns: ["translation_id"]
            isOneToOne: false
            referencedRelation: "translation_history"
            referencedColumns: ["translation_id"]
          },
          {
            foreignKeyName: "translation_revisions_translation_id_fkey"
            columns: ["translation_id"]
            isOneToOne: false
            referencedRelation: "translations"
            referencedColumns: ["id"]
          },
        ]
      }
      translations: {
        Row: {
          body: Json | null
          created_at: string
          document_id: string | null
          id: string
          paragraph_id: string
          review_comment: string | null
          reviewed_at: string | null
          reviewed_by: string | null
          span: number
          status: string
          suggested_text: string | null
          text: string
          updated_at: string
          updated_by: string | null
          version: number
        }
        Insert: {
          body?: Json | null
          created_at?: string
          document_id?: string | null
          id?: string
          paragraph_id: string
          review_comment?: string | null
          reviewed_at?: string | null
          reviewed_by?: string | null
          span?: number
          status?: string
          suggested_text?: string | null
          text?: string
          updated_at?: string
          updated_by?: string | null
          version?: number
        }
        Update: {
          body?: Json | null
          created_at?: string
          document_id?: string | null
          id?: string
          paragraph_id?: string
          review_comment?: string | null
          reviewed_at?: string | null
          reviewed_by?: string | null
          span?: number
          status?: string
          suggested_text?: string | null
          text?: string
          updated_at?: string
          updated_by?: string | null
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "translations_paragraph_id_fkey"
            columns: ["paragraph_id"]
            isOneToOne: true
            referencedRelation: "paragraphs"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      document_progress: {
        Row: {
          approved: number | null
          document_id: string | null
          notes_approved: number | null
          notes_submitted: number | null
          paragraphs: number | null
          project_id: string | null
          translated: number | null
        }
        Relationships: [
          {
            foreignKeyName: "documents_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      library_collections: {
        Row: {
          collection: string | null
          documents: number | null
          project_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "documents_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      library_documents: {
        Row: {
          approved: number | null
          collection: string | null
          created_at: string | null
          id: string | null
          keywords: string[] | null
          notes_approved: number | null
          notes_submitted: number | null
          paragraphs: number | null
          progress: number | null
          project_id: string | null
          published_on: string | null
          source_line: string | null
          title: string | null
          translated: number | null
          updated_at: string | null
        }
        Relationships: [
          {
            foreignKeyName: "documents_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      my_work: {
        Row: {
          document_id: string | null
          document_title: string | null
          item_id: string | null
          item_type: string | null
          kind: string | null
          paragraph_id: string | null
          position: number | null
          project_id: string | null
          review_comment: string | null
          reviewed_at: string | null
          reviewed_by: string | null
          status: string | null
          text: string | null
          updated_at: string | null
          version: number | null
        }
        Relationships: []
      }
      note_tags: {
        Row: {
          notes: number | null
          project_id: string | null
          tag: string | null
        }
        Relationships: [
          {
            foreignKeyName: "documents_project_id_fkey"
            columns: ["project_id"]
            isOneToOne: false
            referencedRelation: "projects"
            referencedColumns: ["id"]
          },
        ]
      }
      review_queue: {
        Row: {
          author_id: string | null
          document_id: string | null
          item_id: string | null
          item_type: string | null
          kind: string | null
          paragraph_id: string | null
          position: number | null
          project_id: string | null
          text: string | null
          updated_at: string | null
          version: number | null
        }
        Relationships: []
      }
      translation_history: {
        Row: {
          approved_at: string | null
          approved_by: string | null
          document_id: string | null
          first_author_id: string | null
          first_saved_at: string | null
          paragraph_id: string | null
          position: number | null
          translation_id: string | null
        }
        Relationships: [
          {
            foreignKeyName: "paragraphs_document_id_fkey"
            columns: ["document_id"]
            isOneToOne: false
            referencedRelation: "documents"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "translations_paragraph_id_fkey"
            columns: ["paragraph_id"]
            isOneToOne: true
            referencedRelation: "paragraphs"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Functions: {
      accept_invitations: {
        Args: never
        Returns: {
          accepted_at: string | null
          accepted_by: string | null
          created_at: string
          email: string
          email_sent_at: string | null
          id: string
          invited_by: string | null
          project_id: string
          role: string
        }[]
        SetofOptions: {
          from: "*"
          to: "project_invitations"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      add_project_member: {
        Args: { p_email: string; p_project_id: string; p_role: string }
        Returns: {
          created_at: string
          project_id: string
          role: string
          user_id: string
        }
        SetofOptions: {
          from: "*"
          to: "project_members"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      apply_alignment: {
        Args: { p_document_id: string; p_overwrite?: boolean; p_rows: Json }
        Returns: Json
      }
      approve_items: { Args: { p_items: Json }; Returns: Json }
      concordance: {
        Args: {
          p_language?: string
          p_limit?: number
          p_project_id: string
          p_text: string
        }
        Returns: Json
      }
      delete_document: { Args: { p_document_id: string }; Returns: Json }
      document_footprint: { Args: { p_document_id: string }; Returns: Json }
      find_duplicate_documents: {
        Args: { p_document: Json; p_project_id: string }
        Returns: {
          id: string
          title: string
          created_at: string
          created_by: string
          created_by_name: string
        }[]
      }
      import_document: {
        Args: { p_document: Json; p_project_id: string }
        Returns: string
      }
      import_glossary: {
        Args: { p_entries: Json; p_project_id: string; p_replace?: boolean }
        Returns: Json
      }
      import_translation_memory: {
        Args: {
          p_name: string
          p_project_id: string
          p_source_language: string
          p_target_language: string
          p_units: Json
        }
        Returns: Json
      }
      import_translations: {
        Args: { p_author?: string; p_document_id: string; p_rows: Json }
        Returns: Json
      }
      invite_member: {
        Args: { p_email: string; p_project_id: string; p_role: string }
        Returns: Json
      }
      library_documents_containing: {
        Args: { p_project_id: string; p_text: string }
        Returns: {
          approved: number | null
          collection: string | null
          created_at: string | null
          id: string | null
          keywords: string[] | null
          notes_approved: number | null
          notes_submitted: number | null
          paragraphs: number | null
          progress: number | null
          project_id: string | null
          published_on: string | null
          source_line: string | null
          title: string | null
          translated: number | null
          updated_at: string | null
        }[]
        SetofOptions: {
          from: "*"
          to: "library_documents"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      mark_alignment_translated: {
        Args: { p_document_id: string; p_paragraph_ids: string[] }
        Returns: Json
      }
      mark_notifications_read: { Args: { p_ids?: number[] }; Returns: number }
      qa_other_renderings: {
        Args: { p_document_id: string; p_limit?: number }
        Returns: Json
      }
      review_annotation: {
        Args: {
          p_annotation_id: string
          p_comment: string
          p_decision: string
          p_version: number
        }
        Returns: {
          author_id: string
          body: Json | null
          body_text: string | null
          created_at: string
          document_id: string | null
          end_offset: number | null
          id: string
          kind: string
          paragraph_id: string
          quote_exact: string | null
          quote_prefix: string | null
          quote_suffix: string | null
          review_comment: string | null
          reviewed_at: string | null
          reviewed_by: string | null
          start_offset: number | null
          status: string
          tags: string[]
          target: string
          updated_at: string
          version: number
        }
        SetofOptions: {
          from: "*"
          to: "annotations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      review_translation: {
        Args: {
          p_comment: string
          p_decision: string
          p_suggestion?: string
          p_translation_id: string
          p_version: number
        }
        Returns: {
          body: Json | null
          created_at: string
          document_id: string | null
          id: string
          paragraph_id: string
          review_comment: string | null
          reviewed_at: string | null
          reviewed_by: string | null
          span: number
          status: string
          suggested_text: string | null
          text: string
          updated_at: string
          updated_by: string | null
          version: number
        }
        SetofOptions: {
          from: "*"
          to: "translations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      save_annotation: {
        Args: { p_expected_version: number; p_id: string; p_patch: Json }
        Returns: {
          author_id: string
          body: Json | null
          body_text: string | null
          created_at: string
          document_id: string | null
          end_offset: number | null
          id: string
          kind: string
          paragraph_id: string
          quote_exact: string | null
          quote_prefix: string | null
          quote_suffix: string | null
          review_comment: string | null
          reviewed_at: string | null
          reviewed_by: string | null
          start_offset: number | null
          status: string
          tags: string[]
          target: string
          updated_at: string
          version: number
        }
        SetofOptions: {
          from: "*"
          to: "annotations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      save_translation: {
        Args: {
          p_body: Json
          p_expected_version: number
          p_paragraph_id: string
          p_status?: string
          p_text: string
        }
        Returns: {
          body: Json | null
          created_at: string
          document_id: string | null
          id: string
          paragraph_id: string
          review_comment: string | null
          reviewed_at: string | null
          reviewed_by: string | null
          span: number
          status: string
          suggested_text: string | null
          text: string
          updated_at: string
          updated_by: string | null
          version: number
        }
        SetofOptions: {
          from: "*"
          to: "translations"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      search_project: {
        Args: {
          p_document_ids?: string[]
          p_fields?: string[]
          p_limit?: number
          p_note_authors?: string[]
          p_note_kinds?: string[]
          p_note_tags?: string[]
          p_offset?: number
          p_project_id: string
          p_query?: string
          p_statuses?: string[]
        }
        Returns: Json
      }
      set_member_role: {
        Args: {
          p_from: string
          p_project_id: string
          p_to: string
          p_user_id: string
        }
        Returns: {
          created_at: string
          project_id: string
          role: string
          user_id: string
        }[]
        SetofOptions: {
          from: "*"
          to: "project_members"
          isOneToOne: false
          isSetofReturn: true
        }
      }
      tm_suggestions: {
        Args: {
          p_limit?: number
          p_min_similarity?: number
          p_paragraph_id: string
        }
        Returns: Json
      }
      undo_review: {
        Args: { p_item_id: string; p_item_type: string; p_version: number }
        Returns: Json
      }
    }
    Enums: {
        [_ in never]: never
      }
    CompositeTypes: {
        [_ in never]: never
      }
  }
}

type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never

export const Constants = {
  public: {
    Enums: {},
  },
} as const
