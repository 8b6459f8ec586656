export type Json =
  | string
  | number
  | boolean
  | null
  | { [key: string]: Json | undefined }
  | Json[]

export type Database = {
  public: {
    Tables: {
      ai_employee_versions: {
        Row: {
          changelog: string
          created_at: string
          employee_id: string
          id: string
          model: string
          provider: string
          system_prompt: string
          tools: NonNullable<Json>
          version: number
        }
        Insert: {
          changelog?: string
          created_at?: string
          employee_id: string
          id?: string
          model: string
          provider: string
          system_prompt: string
          tools?: NonNullable<Json>
          version: number
        }
        Update: {
          changelog?: string
          created_at?: string
          employee_id?: string
          id?: string
          model?: string
          provider?: string
          system_prompt?: string
          tools?: NonNullable<Json>
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "ai_employee_versions_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employee_catalog"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ai_employee_versions_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employees"
            referencedColumns: ["id"]
          },
        ]
      }
      ai_employees: {
        Row: {
          avatar_url: string | null
          category: string
          created_at: string
          default_model: string
          default_provider: string
          description: string
          id: string
          latest_version_id: string | null
          name: string
          published: boolean
          role: string
          skills: string[]
          slug: string
          updated_at: string
        }
        Insert: {
          avatar_url?: string | null
          category: string
          created_at?: string
          default_model: string
          default_provider: string
          description: string
          id?: string
          latest_version_id?: string | null
          name: string
          published?: boolean
          role: string
          skills?: string[]
          slug: string
          updated_at?: string
        }
        Update: {
          avatar_url?: string | null
          category?: string
          created_at?: string
          default_model?: string
          default_provider?: string
          description?: string
          id?: string
          latest_version_id?: string | null
          name?: string
          published?: boolean
          role?: string
          skills?: string[]
          slug?: string
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "ai_employees_latest_version_id_fkey"
            columns: ["latest_version_id"]
            referencedRelation: "ai_employee_version_history"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ai_employees_latest_version_id_fkey"
            columns: ["latest_version_id"]
            referencedRelation: "ai_employee_versions"
            referencedColumns: ["id"]
          },
        ]
      }
      audit_logs: {
        Row: {
          action: string
          actor_id: string | null
          created_at: string
          id: string
          ip: unknown
          metadata: NonNullable<Json>
          request_id: string | null
          target_id: string | null
          target_type: string | null
          user_agent: string | null
        }
        Insert: {
          action: string
          actor_id?: string | null
          created_at?: string
          id?: string
          ip?: unknown
          metadata?: NonNullable<Json>
          request_id?: string | null
          target_id?: string | null
          target_type?: string | null
          user_agent?: string | null
        }
        Update: {
          action?: string
          actor_id?: string | null
          created_at?: string
          id?: string
          ip?: unknown
          metadata?: NonNullable<Json>
          request_id?: string | null
          target_id?: string | null
          target_type?: string | null
          user_agent?: string | null
        }
        Relationships: []
      }
      automation_workflow_versions: {
        Row: {
          created_at: string
          definition: NonNullable<Json>
          id: string
          user_id: string
          version: number
          workflow_id: string
        }
        Insert: {
          created_at?: string
          definition: NonNullable<Json>
          id?: string
          user_id?: string
          version?: number
          workflow_id: string
        }
        Update: {
          created_at?: string
          definition?: NonNullable<Json>
          id?: string
          user_id?: string
          version?: number
          workflow_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "automation_workflow_versions_workflow_id_fkey"
            columns: ["workflow_id"]
            referencedRelation: "automation_workflows"
            referencedColumns: ["id"]
          },
        ]
      }
      automation_workflows: {
        Row: {
          created_at: string
          current_version_id: string | null
          description: string
          id: string
          is_active: boolean
          name: string
          updated_at: string
          user_id: string
          version: number
        }
        Insert: {
          created_at?: string
          current_version_id?: string | null
          description?: string
          id?: string
          is_active?: boolean
          name: string
          updated_at?: string
          user_id?: string
          version?: number
        }
        Update: {
          created_at?: string
          current_version_id?: string | null
          description?: string
          id?: string
          is_active?: boolean
          name?: string
          updated_at?: string
          user_id?: string
          version?: number
        }
        Relationships: [
          {
            foreignKeyName: "automation_workflows_current_version_id_fkey"
            columns: ["current_version_id"]
            referencedRelation: "automation_workflow_versions"
            referencedColumns: ["id"]
          },
        ]
      }
      blog_posts: {
        Row: {
          author_name: string
          body: string
          cover_image_url: string | null
          created_at: string
          excerpt: string
          id: string
          published_at: string | null
          slug: string
          tags: string[]
          title: string
          updated_at: string
        }
        Insert: {
          author_name: string
          body: string
          cover_image_url?: string | null
          created_at?: string
          excerpt?: string
          id?: string
          published_at?: string | null
          slug: string
          tags?: string[]
          title: string
          updated_at?: string
        }
        Update: {
          author_name?: string
          body?: string
          cover_image_url?: string | null
          created_at?: string
          excerpt?: string
          id?: string
          published_at?: string | null
          slug?: string
          tags?: string[]
          title?: string
          updated_at?: string
        }
        Relationships: []
      }
      chat_attachments: {
        Row: {
          content_type: string
          created_at: string
          extracted_text: string
          file_name: string
          id: string
          message_id: string
          object_path: string
          position: number
          session_id: string
          size_bytes: number
          user_id: string
        }
        Insert: {
          content_type: string
          created_at?: string
          extracted_text: string
          file_name: string
          id?: string
          message_id: string
          object_path: string
          position: number
          session_id: string
          size_bytes: number
          user_id: string
        }
        Update: {
          content_type?: string
          created_at?: string
          extracted_text?: string
          file_name?: string
          id?: string
          message_id?: string
          object_path?: string
          position?: number
          session_id?: string
          size_bytes?: number
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "chat_attachments_message_id_fkey"
            columns: ["message_id"]
            referencedRelation: "chat_messages"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "chat_attachments_session_id_fkey"
            columns: ["session_id"]
            referencedRelation: "chat_sessions"
            referencedColumns: ["id"]
          },
        ]
      }
      chat_messages: {
        Row: {
          cached_tokens: number | null
          content: string
          created_at: string
          credits_charged: number | null
          employee_version_id: string | null
          error: string | null
          id: string
          input_tokens: number | null
          model: string | null
          output_tokens: number | null
          provider: string | null
          request_id: string | null
          role: string
          session_id: string
          status: string
        }
        Insert: {
          cached_tokens?: number | null
          content?: string
          created_at?: string
          credits_charged?: number | null
          employee_version_id?: string | null
          error?: string | null
          id?: string
          input_tokens?: number | null
          model?: string | null
          output_tokens?: number | null
          provider?: string | null
          request_id?: string | null
          role: string
          session_id: string
          status?: string
        }
        Update: {
          cached_tokens?: number | null
          content?: string
          created_at?: string
          credits_charged?: number | null
          employee_version_id?: string | null
          error?: string | null
          id?: string
          input_tokens?: number | null
          model?: string | null
          output_tokens?: number | null
          provider?: string | null
          request_id?: string | null
          role?: string
          session_id?: string
          status?: string
        }
        Relationships: [
          {
            foreignKeyName: "chat_messages_employee_version_id_fkey"
            columns: ["employee_version_id"]
            referencedRelation: "ai_employee_version_history"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "chat_messages_employee_version_id_fkey"
            columns: ["employee_version_id"]
            referencedRelation: "ai_employee_versions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "chat_messages_session_id_fkey"
            columns: ["session_id"]
            referencedRelation: "chat_sessions"
            referencedColumns: ["id"]
          },
        ]
      }
      chat_sessions: {
        Row: {
          archived_at: string | null
          created_at: string
          employee_id: string | null
          id: string
          last_message_at: string | null
          message_count: number
          title: string
          updated_at: string
          user_id: string
        }
        Insert: {
          archived_at?: string | null
          created_at?: string
          employee_id?: string | null
          id?: string
          last_message_at?: string | null
          message_count?: number
          title?: string
          updated_at?: string
          user_id?: string
        }
        Update: {
          archived_at?: string | null
          created_at?: string
          employee_id?: string | null
          id?: string
          last_message_at?: string | null
          message_count?: number
          title?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "chat_sessions_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employee_catalog"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "chat_sessions_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employees"
            referencedColumns: ["id"]
          },
        ]
      }
      contact_submissions: {
        Row: {
          company: string | null
          created_at: string
          email: string
          handled_at: string | null
          id: string
          message: string
          name: string
          topic: string
        }
        Insert: {
          company?: string | null
          created_at?: string
          email: string
          handled_at?: string | null
          id?: string
          message: string
          name: string
          topic?: string
        }
        Update: {
          company?: string | null
          created_at?: string
          email?: string
          handled_at?: string | null
          id?: string
          message?: string
          name?: string
          topic?: string
        }
        Relationships: []
      }
      conversation_participants: {
        Row: {
          conversation_id: string
          created_at: string
          employee_id: string
          employee_version_id: string | null
          id: string
          position: number
          role: string
        }
        Insert: {
          conversation_id: string
          created_at?: string
          employee_id: string
          employee_version_id?: string | null
          id?: string
          position?: number
          role?: string
        }
        Update: {
          conversation_id?: string
          created_at?: string
          employee_id?: string
          employee_version_id?: string | null
          id?: string
          position?: number
          role?: string
        }
        Relationships: [
          {
            foreignKeyName: "conversation_participants_conversation_id_fkey"
            columns: ["conversation_id"]
            referencedRelation: "multi_agent_conversations"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversation_participants_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employee_catalog"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversation_participants_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employees"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversation_participants_employee_version_id_fkey"
            columns: ["employee_version_id"]
            referencedRelation: "ai_employee_version_history"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "conversation_participants_employee_version_id_fkey"
            columns: ["employee_version_id"]
            referencedRelation: "ai_employee_versions"
            referencedColumns: ["id"]
          },
        ]
      }
      credit_accounts: {
        Row: {
          allowance_balance: number
          allowance_period_end: string | null
          allowance_period_start: string | null
          created_at: string
          frozen: boolean
          frozen_reason: string | null
          purchased_balance: number
          reserved_balance: number
          updated_at: string
          user_id: string
        }
        Insert: {
          allowance_balance?: number
          allowance_period_end?: string | null
          allowance_period_start?: string | null
          created_at?: string
          frozen?: boolean
          frozen_reason?: string | null
          purchased_balance?: number
          reserved_balance?: number
          updated_at?: string
          user_id: string
        }
        Update: {
          allowance_balance?: number
          allowance_period_end?: string | null
          allowance_period_start?: string | null
          created_at?: string
          frozen?: boolean
          frozen_reason?: string | null
          purchased_balance?: number
          reserved_balance?: number
          updated_at?: string
          user_id?: string
        }
        Relationships: []
      }
      credit_ledger: {
        Row: {
          amount: number
          balance_after: number
          bucket: string
          created_at: string
          id: string
          idempotency_key: string
          kind: string
          request_id: string | null
          source: NonNullable<Json>
          user_id: string | null
        }
        Insert: {
          amount: number
          balance_after: number
          bucket: string
          created_at?: string
          id?: string
          idempotency_key: string
          kind: string
          request_id?: string | null
          source?: NonNullable<Json>
          user_id?: string | null
        }
        Update: {
          amount?: number
          balance_after?: number
          bucket?: string
          created_at?: string
          id?: string
          idempotency_key?: string
          kind?: string
          request_id?: string | null
          source?: NonNullable<Json>
          user_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "credit_ledger_user_id_fkey"
            columns: ["user_id"]
            referencedRelation: "credit_accounts"
            referencedColumns: ["user_id"]
          },
          {
            foreignKeyName: "credit_ledger_user_id_fkey"
            columns: ["user_id"]
            referencedRelation: "credit_balances"
            referencedColumns: ["user_id"]
          },
        ]
      }
      credit_reservations: {
        Row: {
          actual_cost: number | null
          allowance_balance_after: number | null
          amount: number
          charged_allowance: number | null
          charged_purchased: number | null
          created_at: string
          details: NonNullable<Json>
          expires_at: string
          finished_at: string | null
          id: string
          purchased_balance_after: number | null
          request_id: string
          shortfall: number | null
          status: string
          user_id: string
        }
        Insert: {
          actual_cost?: number | null
          allowance_balance_after?: number | null
          amount: number
          charged_allowance?: number | null
          charged_purchased?: number | null
          created_at?: string
          details?: NonNullable<Json>
          expires_at: string
          finished_at?: string | null
          id?: string
          purchased_balance_after?: number | null
          request_id: string
          shortfall?: number | null
          status?: string
          user_id: string
        }
        Update: {
          actual_cost?: number | null
          allowance_balance_after?: number | null
          amount?: number
          charged_allowance?: number | null
          charged_purchased?: number | null
          created_at?: string
          details?: NonNullable<Json>
          expires_at?: string
          finished_at?: string | null
          id?: string
          purchased_balance_after?: number | null
          request_id?: string
          shortfall?: number | null
          status?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "credit_reservations_user_id_fkey"
            columns: ["user_id"]
            referencedRelation: "credit_accounts"
            referencedColumns: ["user_id"]
          },
          {
            foreignKeyName: "credit_reservations_user_id_fkey"
            columns: ["user_id"]
            referencedRelation: "credit_balances"
            referencedColumns: ["user_id"]
          },
        ]
      }
      data_requests: {
        Row: {
          completed_at: string | null
          error: string | null
          id: string
          kind: string
          requested_at: string
          status: string
          user_id: string | null
        }
        Insert: {
          completed_at?: string | null
          error?: string | null
          id?: string
          kind: string
          requested_at?: string
          status?: string
          user_id?: string | null
        }
        Update: {
          completed_at?: string | null
          error?: string | null
          id?: string
          kind?: string
          requested_at?: string
          status?: string
          user_id?: string | null
        }
        Relationships: []
      }
      email_outbox: {
        Row: {
          attempts: number
          claimed_at: string | null
          created_at: string
          dedupe_key: string | null
          id: string
          last_error: string | null
          payload: NonNullable<Json>
          provider_message_id: string | null
          send_after: string
          sent_at: string | null
          status: string
          template: string
          to_email: string
          user_id: string | null
        }
        Insert: {
          attempts?: number
          claimed_at?: string | null
          created_at?: string
          dedupe_key?: string | null
          id?: string
          last_error?: string | null
          payload?: NonNullable<Json>
          provider_message_id?: string | null
          send_after?: string
          sent_at?: string | null
          status?: string
          template: string
          to_email: string
          user_id?: string | null
        }
        Update: {
          attempts?: number
          claimed_at?: string | null
          created_at?: string
          dedupe_key?: string | null
          id?: string
          last_error?: string | null
          payload?: NonNullable<Json>
          provider_message_id?: string | null
          send_after?: string
          sent_at?: string | null
          status?: string
          template?: string
          to_email?: string
          user_id?: string | null
        }
        Relationships: []
      }
      employee_analytics: {
        Row: {
          active_users: number
          avg_rating: number | null
          employee_id: string
          hire_count: number
          last_hired_at: string | null
          rating_sum: number
          review_count: number
          total_messages: number
          updated_at: string
        }
        Insert: {
          active_users?: number
          avg_rating?: never
          employee_id: string
          hire_count?: number
          last_hired_at?: string | null
          rating_sum?: number
          review_count?: number
          total_messages?: number
          updated_at?: string
        }
        Update: {
          active_users?: number
          avg_rating?: never
          employee_id?: string
          hire_count?: number
          last_hired_at?: string | null
          rating_sum?: number
          review_count?: number
          total_messages?: number
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "employee_analytics_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employee_catalog"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "employee_analytics_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employees"
            referencedColumns: ["id"]
          },
        ]
      }
      employee_reviews: {
        Row: {
          body: string
          created_at: string
          employee_id: string
          id: string
          rating: number
          title: string
          updated_at: string
          user_id: string
        }
        Insert: {
          body?: string
          created_at?: string
          employee_id: string
          id?: string
          rating: number
          title?: string
          updated_at?: string
          user_id?: string
        }
        Update: {
          body?: string
          created_at?: string
          employee_id?: string
          id?: string
          rating?: number
          title?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "employee_reviews_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employee_catalog"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "employee_reviews_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employees"
            referencedColumns: ["id"]
          },
        ]
      }
      failed_webhook_events: {
        Row: {
          auto_retry_count: number
          created_at: string
          discard_reason: string | null
          discarded_at: string | null
          discarded_by: string | null
          event_id: string
          event_type: string
          failure_count: number
          id: string
          last_error: string | null
          last_replayed_at: string | null
          next_retry_at: string | null
          payload: NonNullable<Json>
          replay_count: number
          resolved_at: string | null
        }
        Insert: {
          auto_retry_count?: number
          created_at?: string
          discard_reason?: string | null
          discarded_at?: string | null
          discarded_by?: string | null
          event_id: string
          event_type: string
          failure_count?: number
          id?: string
          last_error?: string | null
          last_replayed_at?: string | null
          next_retry_at?: string | null
          payload: NonNullable<Json>
          replay_count?: number
          resolved_at?: string | null
        }
        Update: {
          auto_retry_count?: number
          created_at?: string
          discard_reason?: string | null
          discarded_at?: string | null
          discarded_by?: string | null
          event_id?: string
          event_type?: string
          failure_count?: number
          id?: string
          last_error?: string | null
          last_replayed_at?: string | null
          next_retry_at?: string | null
          payload?: NonNullable<Json>
          replay_count?: number
          resolved_at?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "failed_webhook_events_event_id_fkey"
            columns: ["event_id"]
            referencedRelation: "stripe_events"
            referencedColumns: ["id"]
          },
        ]
      }
      faq_items: {
        Row: {
          answer: string
          category: string
          created_at: string
          id: string
          position: number
          published: boolean
          question: string
          updated_at: string
        }
        Insert: {
          answer: string
          category?: string
          created_at?: string
          id?: string
          position?: number
          published?: boolean
          question: string
          updated_at?: string
        }
        Update: {
          answer?: string
          category?: string
          created_at?: string
          id?: string
          position?: number
          published?: boolean
          question?: string
          updated_at?: string
        }
        Relationships: []
      }
      model_pricing: {
        Row: {
          cached_input_rate: number
          context_window: number | null
          created_at: string
          display_name: string
          effective_from: string
          effective_to: string | null
          id: string
          input_rate: number
          model: string
          output_rate: number
          provider: string
        }
        Insert: {
          cached_input_rate: number
          context_window?: number | null
          created_at?: string
          display_name?: string
          effective_from?: string
          effective_to?: string | null
          id?: string
          input_rate: number
          model: string
          output_rate: number
          provider: string
        }
        Update: {
          cached_input_rate?: number
          context_window?: number | null
          created_at?: string
          display_name?: string
          effective_from?: string
          effective_to?: string | null
          id?: string
          input_rate?: number
          model?: string
          output_rate?: number
          provider?: string
        }
        Relationships: []
      }
      multi_agent_conversations: {
        Row: {
          completed_at: string | null
          created_at: string
          credits_charged: number
          error: string | null
          id: string
          result: string | null
          status: string
          supervisor_employee_id: string | null
          supervisor_model: string | null
          supervisor_provider: string | null
          task: string
          title: string
          updated_at: string
          user_id: string
        }
        Insert: {
          completed_at?: string | null
          created_at?: string
          credits_charged?: number
          error?: string | null
          id?: string
          result?: string | null
          status?: string
          supervisor_employee_id?: string | null
          supervisor_model?: string | null
          supervisor_provider?: string | null
          task: string
          title?: string
          updated_at?: string
          user_id?: string
        }
        Update: {
          completed_at?: string | null
          created_at?: string
          credits_charged?: number
          error?: string | null
          id?: string
          result?: string | null
          status?: string
          supervisor_employee_id?: string | null
          supervisor_model?: string | null
          supervisor_provider?: string | null
          task?: string
          title?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "multi_agent_conversations_id_fkey"
            columns: ["id"]
            referencedRelation: "runs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "multi_agent_conversations_supervisor_employee_id_fkey"
            columns: ["supervisor_employee_id"]
            referencedRelation: "ai_employee_catalog"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "multi_agent_conversations_supervisor_employee_id_fkey"
            columns: ["supervisor_employee_id"]
            referencedRelation: "ai_employees"
            referencedColumns: ["id"]
          },
        ]
      }
      notifications: {
        Row: {
          body: string
          created_at: string
          facts: Json | null
          id: string
          kind: string
          link: string | null
          read_at: string | null
          title: string | null
          user_id: string
        }
        Insert: {
          body?: string
          created_at?: string
          facts?: Json | null
          id?: string
          kind: string
          link?: string | null
          read_at?: string | null
          title?: string | null
          user_id: string
        }
        Update: {
          body?: string
          created_at?: string
          facts?: Json | null
          id?: string
          kind?: string
          link?: string | null
          read_at?: string | null
          title?: string | null
          user_id?: string
        }
        Relationships: []
      }
      plan_prices: {
        Row: {
          amount_cents: number
          created_at: string
          currency: string
          id: string
          interval: string
          is_active: boolean
          plan_id: string
          stripe_price_id: string
        }
        Insert: {
          amount_cents: number
          created_at?: string
          currency?: string
          id?: string
          interval: string
          is_active?: boolean
          plan_id: string
          stripe_price_id: string
        }
        Update: {
          amount_cents?: number
          created_at?: string
          currency?: string
          id?: string
          interval?: string
          is_active?: boolean
          plan_id?: string
          stripe_price_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "plan_prices_plan_id_fkey"
            columns: ["plan_id"]
            referencedRelation: "plans"
            referencedColumns: ["id"]
          },
        ]
      }
      plans: {
        Row: {
          created_at: string
          description: string
          features: string[]
          id: string
          is_active: boolean
          monthly_credits: number
          name: string
          position: number
          updated_at: string
        }
        Insert: {
          created_at?: string
          description?: string
          features?: string[]
          id: string
          is_active?: boolean
          monthly_credits: number
          name: string
          position?: number
          updated_at?: string
        }
        Update: {
          created_at?: string
          description?: string
          features?: string[]
          id?: string
          is_active?: boolean
          monthly_credits?: number
          name?: string
          position?: number
          updated_at?: string
        }
        Relationships: []
      }
      profiles: {
        Row: {
          created_at: string
          email: string | null
          id: string
          plan: string
          plan_status: string
          role: string
          suspended_at: string | null
          suspended_reason: string | null
          updated_at: string
        }
        Insert: {
          created_at?: string
          email?: string | null
          id: string
          plan?: string
          plan_status?: string
          role?: string
          suspended_at?: string | null
          suspended_reason?: string | null
          updated_at?: string
        }
        Update: {
          created_at?: string
          email?: string | null
          id?: string
          plan?: string
          plan_status?: string
          role?: string
          suspended_at?: string | null
          suspended_reason?: string | null
          updated_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "profiles_plan_fkey"
            columns: ["plan"]
            referencedRelation: "plans"
            referencedColumns: ["id"]
          },
        ]
      }
      purchased_employees: {
        Row: {
          employee_id: string
          employee_version_id: string
          hired_at: string
          id: string
          is_active: boolean
          updated_at: string
          user_id: string
          version_pinned_at: string
        }
        Insert: {
          employee_id: string
          employee_version_id: string
          hired_at?: string
          id?: string
          is_active?: boolean
          updated_at?: string
          user_id?: string
          version_pinned_at?: string
        }
        Update: {
          employee_id?: string
          employee_version_id?: string
          hired_at?: string
          id?: string
          is_active?: boolean
          updated_at?: string
          user_id?: string
          version_pinned_at?: string
        }
        Relationships: [
          {
            foreignKeyName: "purchased_employees_employee_id_employee_version_id_fkey"
            columns: ["employee_id", "employee_version_id"]
            referencedRelation: "ai_employee_version_history"
            referencedColumns: ["employee_id", "id"]
          },
          {
            foreignKeyName: "purchased_employees_employee_id_employee_version_id_fkey"
            columns: ["employee_id", "employee_version_id"]
            referencedRelation: "ai_employee_versions"
            referencedColumns: ["employee_id", "id"]
          },
          {
            foreignKeyName: "purchased_employees_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employee_catalog"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "purchased_employees_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employees"
            referencedColumns: ["id"]
          },
        ]
      }
      rate_limit_buckets: {
        Row: {
          expires_at: string
          hits: number
          key: string
          window_start: string
        }
        Insert: {
          expires_at: string
          hits: number
          key: string
          window_start: string
        }
        Update: {
          expires_at?: string
          hits?: number
          key?: string
          window_start?: string
        }
        Relationships: []
      }
      run_events: {
        Row: {
          attempt: number | null
          created_at: string
          data: NonNullable<Json>
          run_id: string
          seq: number
          step_key: string | null
          type: string
        }
        Insert: {
          attempt?: number | null
          created_at?: string
          data?: NonNullable<Json>
          run_id: string
          seq: number
          step_key?: string | null
          type: string
        }
        Update: {
          attempt?: number | null
          created_at?: string
          data?: NonNullable<Json>
          run_id?: string
          seq?: number
          step_key?: string | null
          type?: string
        }
        Relationships: [
          {
            foreignKeyName: "run_events_run_id_fkey"
            columns: ["run_id"]
            referencedRelation: "runs"
            referencedColumns: ["id"]
          },
        ]
      }
      run_steps: {
        Row: {
          attempt: number
          cached_tokens: number
          created_at: string
          credits_charged: number
          depends_on: string[]
          error: string | null
          estimated: boolean
          finished_at: string | null
          id: string
          input: NonNullable<Json>
          input_tokens: number
          key: string
          kind: string
          latency_ms: number | null
          lease_expires_at: string | null
          lease_owner: string | null
          max_attempts: number
          max_output_tokens: number
          model: string
          next_attempt_at: string
          output: Json | null
          output_tokens: number
          position: number
          provider: string
          reserve_input_tokens: number
          reserved_credits: number
          run_id: string
          started_at: string | null
          status: string
        }
        Insert: {
          attempt?: number
          cached_tokens?: number
          created_at?: string
          credits_charged?: number
          depends_on?: string[]
          error?: string | null
          estimated?: boolean
          finished_at?: string | null
          id?: string
          input?: NonNullable<Json>
          input_tokens?: number
          key: string
          kind: string
          latency_ms?: number | null
          lease_expires_at?: string | null
          lease_owner?: string | null
          max_attempts?: number
          max_output_tokens: number
          model: string
          next_attempt_at?: string
          output?: Json | null
          output_tokens?: number
          position: number
          provider: string
          reserve_input_tokens: number
          reserved_credits?: number
          run_id: string
          started_at?: string | null
          status?: string
        }
        Update: {
          attempt?: number
          cached_tokens?: number
          created_at?: string
          credits_charged?: number
          depends_on?: string[]
          error?: string | null
          estimated?: boolean
          finished_at?: string | null
          id?: string
          input?: NonNullable<Json>
          input_tokens?: number
          key?: string
          kind?: string
          latency_ms?: number | null
          lease_expires_at?: string | null
          lease_owner?: string | null
          max_attempts?: number
          max_output_tokens?: number
          model?: string
          next_attempt_at?: string
          output?: Json | null
          output_tokens?: number
          position?: number
          provider?: string
          reserve_input_tokens?: number
          reserved_credits?: number
          run_id?: string
          started_at?: string | null
          status?: string
        }
        Relationships: [
          {
            foreignKeyName: "run_steps_run_id_fkey"
            columns: ["run_id"]
            referencedRelation: "runs"
            referencedColumns: ["id"]
          },
        ]
      }
      runs: {
        Row: {
          budget_credits: number
          cancel_requested_at: string | null
          closed_at: string | null
          created_at: string
          error: string | null
          finished_at: string | null
          id: string
          kind: string
          last_event_seq: number
          output: Json | null
          reserved_credits: number
          spent_credits: number
          status: string
          step_count: number
          title: string
          updated_at: string
          user_id: string
        }
        Insert: {
          budget_credits: number
          cancel_requested_at?: string | null
          closed_at?: string | null
          created_at?: string
          error?: string | null
          finished_at?: string | null
          id?: string
          kind: string
          last_event_seq?: number
          output?: Json | null
          reserved_credits?: number
          spent_credits?: number
          status?: string
          step_count?: number
          title: string
          updated_at?: string
          user_id: string
        }
        Update: {
          budget_credits?: number
          cancel_requested_at?: string | null
          closed_at?: string | null
          created_at?: string
          error?: string | null
          finished_at?: string | null
          id?: string
          kind?: string
          last_event_seq?: number
          output?: Json | null
          reserved_credits?: number
          spent_credits?: number
          status?: string
          step_count?: number
          title?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: []
      }
      scheduled_tasks: {
        Row: {
          budget_credits: number | null
          created_at: string
          cron: string
          failure_count: number
          id: string
          input: NonNullable<Json>
          is_active: boolean
          last_run_at: string | null
          name: string
          next_run_at: string | null
          paused_reason: string | null
          timezone: string
          updated_at: string
          user_id: string
          workflow_id: string
        }
        Insert: {
          budget_credits?: number | null
          created_at?: string
          cron: string
          failure_count?: number
          id?: string
          input?: NonNullable<Json>
          is_active?: boolean
          last_run_at?: string | null
          name: string
          next_run_at?: string | null
          paused_reason?: string | null
          timezone?: string
          updated_at?: string
          user_id?: string
          workflow_id: string
        }
        Update: {
          budget_credits?: number | null
          created_at?: string
          cron?: string
          failure_count?: number
          id?: string
          input?: NonNullable<Json>
          is_active?: boolean
          last_run_at?: string | null
          name?: string
          next_run_at?: string | null
          paused_reason?: string | null
          timezone?: string
          updated_at?: string
          user_id?: string
          workflow_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "scheduled_tasks_workflow_id_fkey"
            columns: ["workflow_id"]
            referencedRelation: "automation_workflows"
            referencedColumns: ["id"]
          },
        ]
      }
      stripe_customers: {
        Row: {
          created_at: string
          customer_id: string
          user_id: string
        }
        Insert: {
          created_at?: string
          customer_id: string
          user_id: string
        }
        Update: {
          created_at?: string
          customer_id?: string
          user_id?: string
        }
        Relationships: []
      }
      stripe_events: {
        Row: {
          attempts: number
          id: string
          last_error: string | null
          payload: NonNullable<Json>
          processed_at: string | null
          received_at: string
          status: string
          stripe_created_at: string
          type: string
        }
        Insert: {
          attempts?: number
          id: string
          last_error?: string | null
          payload: NonNullable<Json>
          processed_at?: string | null
          received_at?: string
          status?: string
          stripe_created_at: string
          type: string
        }
        Update: {
          attempts?: number
          id?: string
          last_error?: string | null
          payload?: NonNullable<Json>
          processed_at?: string | null
          received_at?: string
          status?: string
          stripe_created_at?: string
          type?: string
        }
        Relationships: []
      }
      subscriptions: {
        Row: {
          cancel_at_period_end: boolean
          canceled_at: string | null
          created_at: string
          current_period_end: string | null
          current_period_start: string | null
          ended_at: string | null
          id: string
          interval: string
          plan_id: string
          status: string
          stripe_created_at: string
          stripe_customer_id: string
          stripe_event_created_at: string
          stripe_price_id: string | null
          stripe_subscription_id: string
          updated_at: string
          user_id: string
        }
        Insert: {
          cancel_at_period_end?: boolean
          canceled_at?: string | null
          created_at?: string
          current_period_end?: string | null
          current_period_start?: string | null
          ended_at?: string | null
          id?: string
          interval: string
          plan_id: string
          status: string
          stripe_created_at: string
          stripe_customer_id: string
          stripe_event_created_at: string
          stripe_price_id?: string | null
          stripe_subscription_id: string
          updated_at?: string
          user_id: string
        }
        Update: {
          cancel_at_period_end?: boolean
          canceled_at?: string | null
          created_at?: string
          current_period_end?: string | null
          current_period_start?: string | null
          ended_at?: string | null
          id?: string
          interval?: string
          plan_id?: string
          status?: string
          stripe_created_at?: string
          stripe_customer_id?: string
          stripe_event_created_at?: string
          stripe_price_id?: string | null
          stripe_subscription_id?: string
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "subscriptions_plan_id_fkey"
            columns: ["plan_id"]
            referencedRelation: "plans"
            referencedColumns: ["id"]
          },
        ]
      }
      support_ticket_messages: {
        Row: {
          author_id: string | null
          body: string
          created_at: string
          id: string
          is_staff: boolean
          ticket_id: string
        }
        Insert: {
          author_id?: string | null
          body: string
          created_at?: string
          id?: string
          is_staff?: boolean
          ticket_id: string
        }
        Update: {
          author_id?: string | null
          body?: string
          created_at?: string
          id?: string
          is_staff?: boolean
          ticket_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "support_ticket_messages_ticket_id_fkey"
            columns: ["ticket_id"]
            referencedRelation: "support_tickets"
            referencedColumns: ["id"]
          },
        ]
      }
      support_tickets: {
        Row: {
          category: string
          chat_session_id: string | null
          created_at: string
          id: string
          last_message_at: string
          priority: string
          status: string
          subject: string
          team_run_id: string | null
          updated_at: string
          user_id: string
        }
        Insert: {
          category?: string
          chat_session_id?: string | null
          created_at?: string
          id?: string
          last_message_at?: string
          priority?: string
          status?: string
          subject: string
          team_run_id?: string | null
          updated_at?: string
          user_id?: string
        }
        Update: {
          category?: string
          chat_session_id?: string | null
          created_at?: string
          id?: string
          last_message_at?: string
          priority?: string
          status?: string
          subject?: string
          team_run_id?: string | null
          updated_at?: string
          user_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "support_tickets_chat_session_id_fkey"
            columns: ["chat_session_id"]
            referencedRelation: "chat_sessions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "support_tickets_team_run_id_fkey"
            columns: ["team_run_id"]
            referencedRelation: "multi_agent_conversations"
            referencedColumns: ["id"]
          },
        ]
      }
      token_packs: {
        Row: {
          created_at: string
          credits: number
          currency: string
          id: string
          is_active: boolean
          name: string
          position: number
          price_cents: number
          stripe_price_id: string
        }
        Insert: {
          created_at?: string
          credits: number
          currency?: string
          id: string
          is_active?: boolean
          name: string
          position?: number
          price_cents: number
          stripe_price_id: string
        }
        Update: {
          created_at?: string
          credits?: number
          currency?: string
          id?: string
          is_active?: boolean
          name?: string
          position?: number
          price_cents?: number
          stripe_price_id?: string
        }
        Relationships: []
      }
      token_usage: {
        Row: {
          cached_tokens: number
          created_at: string
          credits_charged: number
          estimated: boolean
          feature: string
          id: string
          input_tokens: number
          latency_ms: number | null
          message_id: string | null
          model: string
          output_tokens: number
          provider: string
          request_id: string
          session_id: string | null
          status: string
          user_id: string | null
        }
        Insert: {
          cached_tokens?: number
          created_at?: string
          credits_charged?: number
          estimated?: boolean
          feature?: string
          id?: string
          input_tokens?: number
          latency_ms?: number | null
          message_id?: string | null
          model: string
          output_tokens?: number
          provider: string
          request_id: string
          session_id?: string | null
          status: string
          user_id?: string | null
        }
        Update: {
          cached_tokens?: number
          created_at?: string
          credits_charged?: number
          estimated?: boolean
          feature?: string
          id?: string
          input_tokens?: number
          latency_ms?: number | null
          message_id?: string | null
          model?: string
          output_tokens?: number
          provider?: string
          request_id?: string
          session_id?: string | null
          status?: string
          user_id?: string | null
        }
        Relationships: [
          {
            foreignKeyName: "token_usage_message_id_fkey"
            columns: ["message_id"]
            referencedRelation: "chat_messages"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "token_usage_session_id_fkey"
            columns: ["session_id"]
            referencedRelation: "chat_sessions"
            referencedColumns: ["id"]
          },
        ]
      }
      usage_alerts: {
        Row: {
          acknowledged_at: string | null
          allowance_credits: number
          id: string
          kind: string
          period_start: string
          threshold_percent: number
          triggered_at: string
          used_credits: number
          user_id: string
        }
        Insert: {
          acknowledged_at?: string | null
          allowance_credits: number
          id?: string
          kind: string
          period_start: string
          threshold_percent: number
          triggered_at?: string
          used_credits: number
          user_id: string
        }
        Update: {
          acknowledged_at?: string | null
          allowance_credits?: number
          id?: string
          kind?: string
          period_start?: string
          threshold_percent?: number
          triggered_at?: string
          used_credits?: number
          user_id?: string
        }
        Relationships: []
      }
      usage_daily_rollups: {
        Row: {
          cached_tokens: number
          cost_credits: number
          credits: number
          day: string
          feature: string
          input_tokens: number
          model: string
          output_tokens: number
          plan: string
          provider: string
          requests: number
        }
        Insert: {
          cached_tokens?: number
          cost_credits?: number
          credits?: number
          day: string
          feature: string
          input_tokens?: number
          model: string
          output_tokens?: number
          plan: string
          provider: string
          requests?: number
        }
        Update: {
          cached_tokens?: number
          cost_credits?: number
          credits?: number
          day?: string
          feature?: string
          input_tokens?: number
          model?: string
          output_tokens?: number
          plan?: string
          provider?: string
          requests?: number
        }
        Relationships: []
      }
      usage_user_monthly_rollups: {
        Row: {
          cost_credits: number
          credits: number
          month: string
          requests: number
          user_id: string
        }
        Insert: {
          cost_credits?: number
          credits?: number
          month: string
          requests?: number
          user_id: string
        }
        Update: {
          cost_credits?: number
          credits?: number
          month?: string
          requests?: number
          user_id?: string
        }
        Relationships: []
      }
      user_profiles: {
        Row: {
          avatar_url: string | null
          bio: string | null
          created_at: string
          display_name: string | null
          updated_at: string
          user_id: string
        }
        Insert: {
          avatar_url?: string | null
          bio?: string | null
          created_at?: string
          display_name?: string | null
          updated_at?: string
          user_id: string
        }
        Update: {
          avatar_url?: string | null
          bio?: string | null
          created_at?: string
          display_name?: string | null
          updated_at?: string
          user_id?: string
        }
        Relationships: []
      }
      user_settings: {
        Row: {
          created_at: string
          default_model: string | null
          default_provider: string | null
          default_run_budget_credits: number
          notify_activity_email: boolean
          notify_in_app: boolean
          notify_product_email: boolean
          notify_usage_email: boolean
          streaming: boolean
          temperature: number
          updated_at: string
          user_id: string
        }
        Insert: {
          created_at?: string
          default_model?: string | null
          default_provider?: string | null
          default_run_budget_credits?: number
          notify_activity_email?: boolean
          notify_in_app?: boolean
          notify_product_email?: boolean
          notify_usage_email?: boolean
          streaming?: boolean
          temperature?: number
          updated_at?: string
          user_id: string
        }
        Update: {
          created_at?: string
          default_model?: string | null
          default_provider?: string | null
          default_run_budget_credits?: number
          notify_activity_email?: boolean
          notify_in_app?: boolean
          notify_product_email?: boolean
          notify_usage_email?: boolean
          streaming?: boolean
          temperature?: number
          updated_at?: string
          user_id?: string
        }
        Relationships: []
      }
      webhook_audit_log: {
        Row: {
          created_at: string
          event_id: string | null
          event_type: string | null
          id: string
          message: string | null
          outcome: string
          request_id: string | null
          source_ip: unknown
        }
        Insert: {
          created_at?: string
          event_id?: string | null
          event_type?: string | null
          id?: string
          message?: string | null
          outcome: string
          request_id?: string | null
          source_ip?: unknown
        }
        Update: {
          created_at?: string
          event_id?: string | null
          event_type?: string | null
          id?: string
          message?: string | null
          outcome?: string
          request_id?: string | null
          source_ip?: unknown
        }
        Relationships: []
      }
      workflow_runs: {
        Row: {
          created_at: string
          credits_charged: number
          error: string | null
          finished_at: string | null
          id: string
          inputs: NonNullable<Json>
          replay_from: string | null
          replay_of: string | null
          schedule_slot: string | null
          scheduled_task_id: string | null
          status: string
          trigger: string
          user_id: string
          version: number
          version_id: string
          workflow_id: string
        }
        Insert: {
          created_at?: string
          credits_charged?: number
          error?: string | null
          finished_at?: string | null
          id: string
          inputs?: NonNullable<Json>
          replay_from?: string | null
          replay_of?: string | null
          schedule_slot?: string | null
          scheduled_task_id?: string | null
          status?: string
          trigger: string
          user_id: string
          version: number
          version_id: string
          workflow_id: string
        }
        Update: {
          created_at?: string
          credits_charged?: number
          error?: string | null
          finished_at?: string | null
          id?: string
          inputs?: NonNullable<Json>
          replay_from?: string | null
          replay_of?: string | null
          schedule_slot?: string | null
          scheduled_task_id?: string | null
          status?: string
          trigger?: string
          user_id?: string
          version?: number
          version_id?: string
          workflow_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "workflow_runs_id_fkey"
            columns: ["id"]
            referencedRelation: "runs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "workflow_runs_replay_of_fkey"
            columns: ["replay_of"]
            referencedRelation: "workflow_runs"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "workflow_runs_scheduled_task_id_fkey"
            columns: ["scheduled_task_id"]
            referencedRelation: "scheduled_tasks"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "workflow_runs_version_id_fkey"
            columns: ["version_id"]
            referencedRelation: "automation_workflow_versions"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "workflow_runs_workflow_id_fkey"
            columns: ["workflow_id"]
            referencedRelation: "automation_workflows"
            referencedColumns: ["id"]
          },
        ]
      }
      workflow_templates: {
        Row: {
          category: string
          created_at: string
          definition: NonNullable<Json>
          description: string
          name: string
          position: number
          slug: string
        }
        Insert: {
          category: string
          created_at?: string
          definition: NonNullable<Json>
          description?: string
          name: string
          position?: number
          slug: string
        }
        Update: {
          category?: string
          created_at?: string
          definition?: NonNullable<Json>
          description?: string
          name?: string
          position?: number
          slug?: string
        }
        Relationships: []
      }
      workflow_webhook_deliveries: {
        Row: {
          created_at: string
          idempotency_key: string
          run_id: string
          workflow_id: string
        }
        Insert: {
          created_at?: string
          idempotency_key: string
          run_id: string
          workflow_id: string
        }
        Update: {
          created_at?: string
          idempotency_key?: string
          run_id?: string
          workflow_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "workflow_webhook_deliveries_workflow_id_fkey"
            columns: ["workflow_id"]
            referencedRelation: "automation_workflows"
            referencedColumns: ["id"]
          },
        ]
      }
      workflow_webhook_secrets: {
        Row: {
          secret: string
          workflow_id: string
        }
        Insert: {
          secret: string
          workflow_id: string
        }
        Update: {
          secret?: string
          workflow_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "workflow_webhook_secrets_workflow_id_fkey"
            columns: ["workflow_id"]
            referencedRelation: "workflow_webhooks"
            referencedColumns: ["workflow_id"]
          },
        ]
      }
      workflow_webhooks: {
        Row: {
          created_at: string
          signed: boolean
          token_hash: string
          token_hint: string
          user_id: string
          workflow_id: string
        }
        Insert: {
          created_at?: string
          signed?: boolean
          token_hash: string
          token_hint: string
          user_id: string
          workflow_id: string
        }
        Update: {
          created_at?: string
          signed?: boolean
          token_hash?: string
          token_hint?: string
          user_id?: string
          workflow_id?: string
        }
        Relationships: [
          {
            foreignKeyName: "workflow_webhooks_workflow_id_fkey"
            columns: ["workflow_id"]
            referencedRelation: "automation_workflows"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Views: {
      agent_steps: {
        Row: {
          attempt: number | null
          cached_tokens: number | null
          completed_at: string | null
          content: string | null
          conversation_id: string | null
          created_at: string | null
          credits_charged: number | null
          error: string | null
          estimated: boolean | null
          id: string | null
          input_tokens: number | null
          key: string | null
          kind: string | null
          latency_ms: number | null
          model: string | null
          output_tokens: number | null
          participant_id: string | null
          position: number | null
          provider: string | null
          started_at: string | null
          status: string | null
        }
        Relationships: [
          {
            foreignKeyName: "run_steps_run_id_fkey"
            columns: ["conversation_id"]
            referencedRelation: "runs"
            referencedColumns: ["id"]
          },
        ]
      }
      ai_employee_catalog: {
        Row: {
          active_users: number | null
          avatar_url: string | null
          avg_rating: number | null
          category: string | null
          created_at: string | null
          default_model: string | null
          default_provider: string | null
          description: string | null
          hire_count: number | null
          id: string | null
          latest_changelog: string | null
          latest_version: number | null
          latest_version_created_at: string | null
          latest_version_id: string | null
          name: string | null
          review_count: number | null
          role: string | null
          search_text: string | null
          skills: string[] | null
          slug: string | null
          total_messages: number | null
        }
        Relationships: [
          {
            foreignKeyName: "ai_employees_latest_version_id_fkey"
            columns: ["latest_version_id"]
            referencedRelation: "ai_employee_version_history"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ai_employees_latest_version_id_fkey"
            columns: ["latest_version_id"]
            referencedRelation: "ai_employee_versions"
            referencedColumns: ["id"]
          },
        ]
      }
      ai_employee_version_history: {
        Row: {
          changelog: string | null
          created_at: string | null
          employee_id: string | null
          id: string | null
          model: string | null
          provider: string | null
          version: number | null
        }
        Relationships: [
          {
            foreignKeyName: "ai_employee_versions_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employee_catalog"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "ai_employee_versions_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employees"
            referencedColumns: ["id"]
          },
        ]
      }
      credit_balances: {
        Row: {
          allowance_balance: number | null
          allowance_period_end: string | null
          allowance_period_start: string | null
          available: number | null
          frozen: boolean | null
          purchased_balance: number | null
          reserved_balance: number | null
          user_id: string | null
        }
        Insert: {
          allowance_balance?: never
          allowance_period_end?: string | null
          allowance_period_start?: string | null
          available?: never
          frozen?: boolean | null
          purchased_balance?: number | null
          reserved_balance?: number | null
          user_id?: string | null
        }
        Update: {
          allowance_balance?: never
          allowance_period_end?: string | null
          allowance_period_start?: string | null
          available?: never
          frozen?: boolean | null
          purchased_balance?: number | null
          reserved_balance?: number | null
          user_id?: string | null
        }
        Relationships: []
      }
      employee_review_feed: {
        Row: {
          author_avatar_url: string | null
          author_name: string | null
          body: string | null
          created_at: string | null
          employee_id: string | null
          id: string | null
          is_own: boolean | null
          rating: number | null
          title: string | null
          updated_at: string | null
        }
        Relationships: [
          {
            foreignKeyName: "employee_reviews_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employee_catalog"
            referencedColumns: ["id"]
          },
          {
            foreignKeyName: "employee_reviews_employee_id_fkey"
            columns: ["employee_id"]
            referencedRelation: "ai_employees"
            referencedColumns: ["id"]
          },
        ]
      }
      workflow_run_steps: {
        Row: {
          attempt: number | null
          cached_tokens: number | null
          created_at: string | null
          credits_charged: number | null
          depends_on: string[] | null
          employee_id: string | null
          error: string | null
          estimated: boolean | null
          finished_at: string | null
          id: string | null
          input_tokens: number | null
          key: string | null
          latency_ms: number | null
          max_attempts: number | null
          model: string | null
          name: string | null
          output: string | null
          output_tokens: number | null
          position: number | null
          provider: string | null
          run_id: string | null
          skipped: boolean | null
          started_at: string | null
          status: string | null
        }
        Relationships: [
          {
            foreignKeyName: "run_steps_run_id_fkey"
            columns: ["run_id"]
            referencedRelation: "runs"
            referencedColumns: ["id"]
          },
        ]
      }
    }
    Functions: {
      hire_employee: {
        Args: { p_employee_id: string }
        Returns: {
          employee_id: string
          employee_version_id: string
          hired_at: string
          id: string
          is_active: boolean
          updated_at: string
          user_id: string
          version_pinned_at: string
        }
        SetofOptions: {
          from: "*"
          to: "purchased_employees"
          isOneToOne: true
          isSetofReturn: false
        }
      }
      open_support_ticket: {
        Args: {
          p_body: string
          p_category: string
          p_chat_session_id?: string
          p_subject: string
          p_team_run_id?: string
        }
        Returns: string
      }
      upgrade_hire: {
        Args: { p_hire_id: string }
        Returns: {
          employee_id: string
          employee_version_id: string
          hired_at: string
          id: string
          is_active: boolean
          updated_at: string
          user_id: string
          version_pinned_at: string
        }
        SetofOptions: {
          from: "*"
          to: "purchased_employees"
          isOneToOne: true
          isSetofReturn: false
        }
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
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
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
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
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
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
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
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
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
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
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
